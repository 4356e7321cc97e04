import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { apiRoutes } from '../../functions/api/route-table.ts';

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
  /** The parsed JSON body, undefined when there is none (typed loosely: tests read many shapes). */
  readonly json: any;
}

export type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const routeMatchers = apiRoutes
  .filter((route) => route.routeKey !== '$default')
  .map((route) => {
    const [method, template] = route.routeKey.split(' ') as [string, string];
    const names: string[] = [];
    const pattern = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { routeKey: route.routeKey, method, regex: new RegExp(`^${pattern}$`), names };
  });

/** The route key and path parameters API Gateway would match for a request, as it does: `$default` if none. */
export function matchRoute(method: string, path: string): { routeKey: string; pathParameters?: Record<string, string> } {
  for (const matcher of routeMatchers) {
    const match = matcher.method === method ? matcher.regex.exec(path) : null;
    if (match) {
      return {
        routeKey: matcher.routeKey,
        pathParameters: Object.fromEntries(matcher.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])),
      };
    }
  }
  return { routeKey: '$default' };
}

/** An HTTP API payload format 2.0 event, as API Gateway builds it. */
export function apiGatewayEvent(call: ApiCall): APIGatewayProxyEventV2 {
  const [rawPath = '', rawQueryString = ''] = call.path.split('?', 2);
  const query = new URLSearchParams(rawQueryString);
  const body = call.json === undefined ? call.rawBody : JSON.stringify(call.json);
  const headers: Record<string, string> = {
    host: 'postroom.test',
    ...(call.json === undefined ? {} : { 'content-type': 'application/json' }),
    ...Object.fromEntries(Object.entries(call.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
  };
  const { routeKey, pathParameters } = matchRoute(call.method, rawPath);
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers,
    ...(rawQueryString ? { queryStringParameters: Object.fromEntries(query) } : {}),
    ...(pathParameters ? { pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'postroom-test',
      domainName: 'postroom.test',
      domainPrefix: 'postroom',
      http: { method: call.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
}

/** A Lambda context with 30 s left on every call. */
export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'postroom-api',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:postroom-api',
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/postroom-api',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Calls the handler in-process as API Gateway would, and parses what it answers. */
export function createApiClient(handler: ApiHandler) {
  const call = async (request: ApiCall): Promise<ApiResponse> => {
    const response = await handler(apiGatewayEvent(request), lambdaContext());
    const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, value]) => [name, String(value)]));
    return { status: response.statusCode ?? 200, headers, json: response.body ? JSON.parse(response.body) : undefined };
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
