import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiClient, ApiResponse } from '../../../testing/handler-harness.ts';

export interface RetryingProducerOptions {
  readonly api: ApiClient;
  readonly random: () => number;
  /** The share of attempts whose response the producer stops waiting for, as a client timeout does. */
  readonly timeoutRate: number;
}

/**
 * A producer that retries every POST with the same Idempotency-Key until it gets an answer: after
 * its own timeout (the request goes on without it), after a 5xx, and after 409
 * `request_in_progress` once Retry-After has passed. Counts what it went through.
 */
export function retryingProducer({ api, random, timeoutRate }: RetryingProducerOptions) {
  const stats = { attempts: 0, timedOut: 0, serverErrors: 0, inProgress: 0, replayed: 0 };
  const abandoned: Promise<unknown>[] = [];

  const post = async (path: string, json: unknown, key: string): Promise<ApiResponse> => {
    for (;;) {
      stats.attempts++;
      const attempt = api.call({ method: 'POST', path, json, headers: { 'idempotency-key': key } });
      if (random() < timeoutRate) {
        stats.timedOut++;
        abandoned.push(attempt.catch(() => undefined));
        await sleep(random() * 50);
        continue;
      }
      const response = await attempt;
      if (response.status < 300) {
        if (response.headers['idempotent-replayed'] === 'true') stats.replayed++;
        return response;
      }
      if (response.status === 409 && response.json.code === 'request_in_progress') {
        stats.inProgress++;
        await sleep(Number(response.headers['retry-after']) * 1000);
      } else if (response.status >= 500) {
        stats.serverErrors++;
        await sleep(20);
      } else {
        throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.json)}`);
      }
    }
  };

  /** Waits for the attempts the producer gave up on, so that nothing is still writing when a test counts. */
  const settle = () => Promise.all(abandoned);
  return { post, settle, stats };
}
