import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { parseTraceparent, TRACEPARENT } from '../../core/trace-context.ts';

type ApiRequest = Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/**
 * One log line per request, answered or failed (registered before problemResponses, so that its
 * onError sees the problem's status), under a correlation id: the trace id of a valid W3C
 * `traceparent`, else API Gateway's request id. Every line the request logs carries it.
 */
export function requestLog(logger: Logger): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const started = new WeakMap<ApiRequest, number>();
  const done = (request: ApiRequest) => {
    const { event, response } = request;
    logger.info('request', {
      method: event.requestContext.http.method,
      path: event.rawPath,
      status: response?.statusCode,
      durationMs: Date.now() - (started.get(request) ?? Date.now()),
      ...(event.headers[TRACEPARENT] !== undefined && { traceparent: event.headers[TRACEPARENT] }),
    });
  };
  return {
    name: 'requestLog',
    before: (request) => {
      started.set(request, Date.now());
      logger.setCorrelationId(parseTraceparent(request.event.headers[TRACEPARENT])?.traceId ?? request.event.requestContext.requestId);
    },
    after: done,
    onError: done,
  };
}
