import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { annotate, traceHandler } from '../adapters/tracing.ts';
import { parseTraceparent, TRACEPARENT } from '../core/trace-context.ts';
import { toHttpResponse, type ApiRequest } from './http.ts';
import { withIdempotencyKeys } from './idempotency-keys.ts';
import { logger } from './logger.ts';
import { jsonBody, type JsonApiEvent } from './middleware/json-body.ts';
import { problemResponses } from './middleware/problem-responses.ts';
import { requestLog } from './middleware/request-log.ts';
import { operations } from './operations/index.ts';
import { apiRoutes, idempotentRouteKeys, type Operation } from './route-table.ts';
import { loadServices } from './services-loader.ts';

/** API Gateway HTTP APIs give up on an integration after 30 s, whatever Lambda's timeout. */
const API_GATEWAY_TIMEOUT_MS = 30_000;
/** Time kept for the last round of a long operation and for answering. */
const RESPONSE_MARGIN_MS = 5_000;

/** The Idempotency-Key store, imported (with Powertools idempotency) on the first keyed request. */
const loadIdempotencyStore = async () => (await import('./idempotency-store.ts')).getIdempotencyStore();

const routeByKey = new Map<string, { readonly operation: Operation; readonly tag?: string }>(apiRoutes.map((route) => [route.routeKey, route]));

/** The X-Ray annotation that names a route's resource (its `{name}`), by the route's tag. */
const RESOURCE_ANNOTATION: Readonly<Record<string, string>> = { queues: 'queue', exchanges: 'exchange', rpc: 'exchange', streams: 'stream', 'event-stores': 'eventStore', sagas: 'saga' };

function toApiRequest(event: JsonApiEvent, context: Context): ApiRequest {
  const remainingMs = Math.min(context.getRemainingTimeInMillis(), API_GATEWAY_TIMEOUT_MS);
  return {
    method: event.requestContext.http.method,
    path: event.rawPath,
    pathParameters: event.pathParameters ?? {},
    query: event.queryStringParameters ?? {},
    queryValues: queryValues(event.rawQueryString),
    body: event.parsedBody,
    traceparent: parseTraceparent(event.headers[TRACEPARENT]) && event.headers[TRACEPARENT]!.trim(),
    deadline: Date.now() + remainingMs - RESPONSE_MARGIN_MS,
  };
}

function queryValues(rawQueryString: string): Record<string, string[]> {
  const parameters = new URLSearchParams(rawQueryString);
  return Object.fromEntries([...new Set(parameters.keys())].map((name) => [name, parameters.getAll(name)]));
}

/** Dispatches on the route key API Gateway matched (see route-table.ts). */
async function dispatch(event: JsonApiEvent, context: Context): Promise<APIGatewayProxyStructuredResultV2> {
  const route = routeByKey.get(event.routeKey);
  const operation: Operation = route?.operation ?? 'routeNotFound';
  const resource = route?.tag === undefined ? undefined : RESOURCE_ANNOTATION[route.tag];
  annotate({ route: event.routeKey, ...(resource && { [resource]: event.pathParameters?.name }) });
  const services = await loadServices();
  try {
    return toHttpResponse(await operations[operation](toApiRequest(event, context), services));
  } finally {
    // Also after a failure: what happened before it (a partly sent batch) did happen.
    services.metrics.flush();
  }
}

/** The queue API's Lambda handler, behind the HTTP API (payload format 2.0). */
export const handler = middy(withIdempotencyKeys(dispatch, idempotentRouteKeys, loadIdempotencyStore))
  .use(traceHandler())
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(requestLog(logger))
  .use(jsonBody())
  // Registered last so that its onError runs first (middy runs onError in reverse order).
  .use(problemResponses(logger));
