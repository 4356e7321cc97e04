import type { InvocationResult } from '../lambda/local-function.ts';

/** What the local gateway writes back to the client. */
export interface GatewayResponse {
  readonly statusCode: number;
  /** Name/value pairs; a name may repeat (set-cookie). */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
}

/** API Gateway's own error answers: a JSON `message`. */
export function gatewayError(statusCode: number, message: string): GatewayResponse {
  return { statusCode, headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify({ message })) };
}

/**
 * How an HTTP API reads a function's answer for payload format 2.0: an object with a statusCode
 * is a response (headers, multiValueHeaders, cookies as set-cookie headers, body, base64 flag);
 * any other value is sent as a 200 application/json body. A function error, or a response
 * API Gateway cannot read, is a 500.
 */
export function httpApiResponse(result: InvocationResult): GatewayResponse {
  const internalError = gatewayError(500, 'Internal Server Error');
  if (!result.ok) return internalError;
  const { payload } = result;
  if (!isRecord(payload) || !('statusCode' in payload)) {
    return { statusCode: 200, headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify(payload)) };
  }
  const { statusCode, headers = {}, multiValueHeaders = {}, cookies = [], body = '', isBase64Encoded = false } = payload;
  if (!Number.isInteger(statusCode) || (statusCode as number) < 100 || (statusCode as number) > 599) return internalError;
  if (!isRecord(headers) || !isRecord(multiValueHeaders) || !Array.isArray(cookies) || typeof body !== 'string') return internalError;
  return {
    statusCode: statusCode as number,
    headers: [
      ...Object.entries(headers).map(([name, value]) => [name, String(value)] as const),
      ...Object.entries(multiValueHeaders).flatMap(([name, values]) => [values].flat().map((value) => [name, String(value)] as const)),
      ...cookies.map((cookie) => ['set-cookie', String(cookie)] as const),
    ],
    body: Buffer.from(body, isBase64Encoded === true ? 'base64' : 'utf8'),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
