import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** An HTTP request as the local gateway received it. */
export interface GatewayRequest {
  readonly method: string;
  /** Path and query as sent, e.g. `/items/a%20b?x=1`. */
  readonly url: string;
  /** e.g. `1.1` */
  readonly httpVersion: string;
  /** Header name/value pairs in the order received, names as sent. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly localPort: number;
  readonly requestId: string;
  readonly receivedAt: Date;
}

/** What the matched route and its API contribute to the event. */
export interface RouteContext {
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly apiId: string;
  readonly accountId: string;
}

/**
 * Content types API Gateway passes through as text; every other body (also one without a content
 * type, and form posts) arrives base64-encoded. AWS documents the mechanism but not the list;
 * this is the split observed against real HTTP APIs (payload 2.0).
 */
const textTypes = new Set(['application/json', 'application/xml', 'application/javascript']);

/** The event an HTTP API with a Lambda proxy integration (payload format 2.0) hands a function. */
export function httpApiEvent(request: GatewayRequest, route: RouteContext): APIGatewayProxyEventV2 {
  const queryIndex = request.url.indexOf('?');
  const rawPath = queryIndex < 0 ? request.url : request.url.slice(0, queryIndex);
  const rawQueryString = queryIndex < 0 ? '' : request.url.slice(queryIndex + 1);
  const { headers, cookies } = headersAndCookies(request);
  const domainName = headers.host ?? '127.0.0.1';
  const queryStringParameters = joinedValues(new URLSearchParams(rawQueryString));
  const text = isText(headers['content-type']);
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(Object.keys(queryStringParameters).length > 0 && { queryStringParameters }),
    requestContext: {
      accountId: route.accountId,
      apiId: route.apiId,
      domainName,
      domainPrefix: domainName.split(/[.:]/)[0]!,
      http: {
        method: request.method,
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: clfTime(request.receivedAt),
      timeEpoch: request.receivedAt.getTime(),
    },
    ...(Object.keys(route.pathParameters).length > 0 && { pathParameters: { ...route.pathParameters } }),
    ...(request.body.length > 0 && { body: request.body.toString(text ? 'utf8' : 'base64') }),
    isBase64Encoded: request.body.length > 0 && !text,
  };
}

/**
 * Header names lowercased, repeated headers joined with commas; the Cookie header moves to
 * `cookies`, one entry per cookie. Like API Gateway, the gateway adds the X-Forwarded-* headers.
 */
function headersAndCookies(request: GatewayRequest): { headers: Record<string, string>; cookies: string[] } {
  const values = new Map<string, string[]>();
  for (const [name, value] of request.headers) {
    const key = name.toLowerCase();
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  const cookies = (values.get('cookie') ?? []).flatMap((header) => header.split(';').map((cookie) => cookie.trim())).filter(Boolean);
  values.delete('cookie');
  values.set('x-forwarded-for', [...(values.get('x-forwarded-for') ?? []), request.sourceIp]);
  values.set('x-forwarded-port', [String(request.localPort)]);
  values.set('x-forwarded-proto', ['http']);
  return { headers: Object.fromEntries([...values].map(([name, list]) => [name, list.join(',')])), cookies };
}

function joinedValues(parameters: URLSearchParams): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const key of new Set(parameters.keys())) joined[key] = parameters.getAll(key).join(',');
  return joined;
}

function isText(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]!.trim().toLowerCase();
  return !!mediaType && (mediaType.startsWith('text/') || textTypes.has(mediaType));
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, the request time format of the event. */
function clfTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
