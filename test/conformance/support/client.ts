import { randomBytes } from 'node:crypto';
import { expect, inject } from 'vitest';
import { expectDocumentedResponse, loadContract } from './contract.ts';
import { signedHeaders } from './sigv4.ts';

/**
 * A user's-eye HTTP client for the conformance suite: plain fetch against the base URL the global
 * setup provides, so the same scenarios run against `npm start`, LocalStack or AWS (set
 * POSTROOM_SIGV4=1 to sign requests for a deployed stack's IAM-authorized routes). Every response
 * is checked against the API document the stack serves (see contract.ts).
 */
export interface ApiResponse<T = any> {
  readonly status: number;
  readonly contentType: string | null;
  readonly headers: Headers;
  readonly body: T;
}

export interface CallOptions {
  readonly headers?: Record<string, string>;
  /** Sent as-is instead of the JSON-encoded body. */
  readonly rawBody?: string;
}

export async function call<T = any>(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const response = await send<T>(method, path, body, options);
  const contract = await loadContract(async () => (await send('GET', '/v1/openapi.json')).body);
  await expectDocumentedResponse(contract, method, new URL(path, 'http://host').pathname, response);
  return response;
}

async function send<T>(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  let payload: string | undefined = options.rawBody;
  if (payload === undefined && body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] ??= 'application/json';
  }
  const url = new URL(`${inject('baseUrl')}${path}`);
  const sent = process.env.POSTROOM_SIGV4 ? await signedHeaders(method, url, headers, payload) : headers;
  const response = await fetch(url, { method, headers: sent, body: payload });
  const contentType = response.headers.get('content-type');
  const text = await response.text();
  const parsed = text && contentType?.includes('json') ? JSON.parse(text) : text;
  return { status: response.status, contentType, headers: response.headers, body: parsed as T };
}

/** A resource name no other test (or earlier run against a persistent stack) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Asserts an RFC 9457 problem response with the given status and stable code. */
export function expectProblem(response: ApiResponse, status: number, code: string): void {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(response.contentType).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code, title: expect.any(String), detail: expect.any(String) });
}
