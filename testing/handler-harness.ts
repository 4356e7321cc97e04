import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { apiRoutes } from '../functions/api/route-table.ts';
import { httpApiEvent, type GatewayRequest } from '../local/http/http-api-event.ts';
import { routeMatcher } from '../local/http/route-matcher.ts';

/** An HTTP request to send to the API handler. */
export interface ApiCall {
  readonly method: string;
  /** Path with an optional query string, e.g. `/v1/queues/a/dead-letters?max=5`. */
  readonly path: string;
  /** Sent as JSON with `content-type: application/json`. */
  readonly json?: unknown;
  /** Sent as is, for malformed bodies; pair with `headers`. */
  readonly rawBody?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body, undefined when there is none or it is text (typed loosely: tests read many shapes). */
  readonly json: any;
  /** The body as sent. */
  readonly text: string;
}

export type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const matchRoute = routeMatcher(apiRoutes.map((route) => ({ routeKey: route.routeKey, target: route.operation })));

/** The payload format 2.0 event API Gateway would hand the function: the local gateway builds it. */
export function apiGatewayEvent(call: ApiCall): APIGatewayProxyEventV2 {
  const body = call.json === undefined ? call.rawBody : JSON.stringify(call.json);
  const headers: Array<[string, string]> = [['host', 'postroom.test'], ['user-agent', 'vitest']];
  if (call.json !== undefined) headers.push(['content-type', 'application/json']);
  headers.push(...Object.entries(call.headers ?? {}));
  const match = matchRoute(call.method, call.path.split('?', 1)[0]!);
  if (!match) throw new Error('the route table has a $default route, so every request matches');
  const request: GatewayRequest = {
    method: call.method,
    url: call.path,
    httpVersion: '1.1',
    headers,
    body: Buffer.from(body ?? ''),
    sourceIp: '127.0.0.1',
    localPort: 443,
    requestId: randomUUID(),
    receivedAt: new Date(),
  };
  return httpApiEvent(request, { routeKey: match.route.routeKey, pathParameters: match.pathParameters, apiId: 'postroom-test', accountId: '123456789012' });
}

/** A Lambda context with `remainingMs` (30 s) left on every call. */
export function lambdaContext(remainingMs = 30_000): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'postroom-api',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:postroom-api',
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/postroom-api',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** What the caller gets from an invocation that outran its time: Lambda ends it, API Gateway answers 504. */
const timedOut: APIGatewayProxyStructuredResultV2 = { statusCode: 504, body: JSON.stringify({ code: 'invocation_timed_out' }) };

/**
 * Calls the handler in-process as API Gateway would, and parses what it answers. With `remainingMs`
 * each call has that long, as a Lambda invocation would: one that runs longer answers 504 (its work
 * may go on here, as a killed invocation's may have reached AWS).
 */
export function createApiClient(handler: ApiHandler, { remainingMs }: { readonly remainingMs?: number } = {}) {
  const invoke = (request: ApiCall) => handler(apiGatewayEvent(request), lambdaContext(remainingMs));
  const call = async (request: ApiCall): Promise<ApiResponse> => {
    const response = remainingMs === undefined ? await invoke(request) : await Promise.race([invoke(request), sleep(remainingMs, timedOut)]);
    const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, value]) => [name, String(value)]));
    const text = response.body ?? '';
    const json = text && !headers['content-type']?.startsWith('text/') ? JSON.parse(text) : undefined;
    return { status: response.statusCode ?? 200, headers, json, text };
  };
  return {
    call,
    get: (path: string) => call({ method: 'GET', path }),
    delete: (path: string) => call({ method: 'DELETE', path }),
    put: (path: string, json?: unknown) => call({ method: 'PUT', path, json }),
    post: (path: string, json?: unknown) => call({ method: 'POST', path, json }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * A fetch that hands each request to the handler in-process, as the local gateway would: for code
 * that talks to the API through postroom/client (the outbox relay) in tests and the benchmark.
 */
export function handlerFetch(handler: ApiHandler): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const headers = Object.fromEntries([...request.headers].filter(([name]) => name !== 'host'));
    const result = await handler(apiGatewayEvent({ method: request.method, path: url.pathname + url.search, rawBody: await request.text(), headers }), lambdaContext());
    return new Response(result.body, { status: result.statusCode, headers: result.headers as Record<string, string> });
  };
}
