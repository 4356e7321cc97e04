import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './api-types.ts';
import { PostroomError } from './problem-error.ts';
import { retrySafe, withRetries, type RetryOptions } from './retry.ts';
import type { RequestSigner } from './sigv4.ts';

/** The openapi-fetch client, typed by the API document's paths. */
export type RawClient = Client<paths>;

export interface TransportOptions {
  readonly baseUrl: string;
  readonly fetch: (request: Request) => Promise<Response>;
  readonly retry: RetryOptions;
  /** Resolves the signer on first use; undefined sends requests unsigned. */
  readonly signer: (() => Promise<RequestSigner>) | undefined;
}

/**
 * The raw client over a fetch that signs each attempt (a signature is valid for minutes) and
 * retries what may be retried. The body is read once, so that every attempt can send it again.
 */
export function rawClient(options: TransportOptions): RawClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: async (request) => {
      const body = request.body === null ? undefined : await request.text();
      const retry = retrySafe(request) ? options.retry : { ...options.retry, attempts: 1 };
      return withRetries(async () => {
        const url = new URL(request.url);
        const headers = options.signer ? await (await options.signer())(request.method, url, request.headers, body) : request.headers;
        return options.fetch(new Request(url, { method: request.method, headers, body, signal: request.signal }));
      }, retry, request.signal);
    },
  });
}

/** What an openapi-fetch call resolves to. */
interface FetchResult<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/** The answer's body, or a PostroomError for any status but 2xx. */
export async function ok<T>(pending: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw new PostroomError(response.status, error, response.statusText);
  return data as T;
}

/** A fresh Idempotency-Key: one per request, the same for its retries. */
export const idempotencyKey = (): string => globalThis.crypto.randomUUID();
