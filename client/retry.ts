/**
 * Retries with exponential backoff and full jitter. Only requests that cannot apply twice are
 * retried: GET, PUT and DELETE, and POSTs that carry an Idempotency-Key (the client sends one with
 * every publish, produce and saga start, the same on each retry).
 */
export interface RetryOptions {
  /**
   * Attempts in all, the first included; 1 turns retries off.
   * @default 4
   */
  readonly attempts: number;
  /**
   * The backoff before the first retry at most; it doubles on each retry (full jitter: a random
   * delay from 0 to that). A `Retry-After` header, when the answer has one, is waited instead.
   * @default 100
   */
  readonly baseDelayMs: number;
  /**
   * The longest backoff.
   * @default 5000
   */
  readonly maxDelayMs: number;
  /**
   * The statuses retried (besides network errors).
   * @default [429, 503, 504]
   */
  readonly statuses: readonly number[];
}

export const defaultRetryOptions: RetryOptions = { attempts: 4, baseDelayMs: 100, maxDelayMs: 5000, statuses: [429, 503, 504] };

const idempotentMethods = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Whether a request may be sent again without applying twice. */
export const retrySafe = (request: Request): boolean => idempotentMethods.has(request.method) || request.headers.has('idempotency-key');

/** The full-jitter backoff before retry number `retry` (0 for the first). */
export function backoffMs(retry: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
}

/**
 * Sends with `attempt` until an answer that is not retryable, or the attempts run out (then the
 * last answer or network error is what the caller gets). Aborting the signal stops at once.
 */
export async function withRetries(attempt: () => Promise<Response>, options: RetryOptions, signal?: AbortSignal | null): Promise<Response> {
  for (let retry = 0; ; retry++) {
    const last = retry + 1 >= options.attempts;
    let waitMs: number;
    try {
      const response = await attempt();
      if (last || !options.statuses.includes(response.status)) return response;
      waitMs = retryAfterMs(response) ?? backoffMs(retry, options);
      await response.body?.cancel();
    } catch (error) {
      if (last || signal?.aborted || !isNetworkError(error)) throw error;
      waitMs = backoffMs(retry, options);
    }
    await sleep(waitMs, signal);
  }
}

/** fetch rejects with a TypeError when it gets no answer (refused, reset, DNS). */
const isNetworkError = (error: unknown): boolean => error instanceof TypeError;

function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after') ?? Number.NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
