import { PostroomError } from './problem-error.ts';
import type { QueueClient } from './queues.ts';
import { backoffMs, defaultRetryOptions, sleep } from './retry.ts';
import type { ReceivedMessage } from './types.ts';

export type MessageHandler = (message: ReceivedMessage, context: { readonly signal: AbortSignal }) => unknown;

export interface ConsumeOptions {
  /** Stops the loop: no more receives; the promise resolves once the handlers in flight are done and settled. */
  readonly signal: AbortSignal;
  /**
   * Handlers running at once. A receive asks for up to 10 messages once that many are free.
   * @default 10
   */
  readonly concurrency?: number;
  /**
   * `'explicit'`: a message is acked after its handler succeeds and nacked when it throws (the
   * queue redelivers it after a backoff, and dead-letters it after maxDeliveries): at least once.
   * `'auto'`: the receive deletes the messages; a handler that throws loses its message: at most once.
   * @default 'explicit'
   */
  readonly ackMode?: 'explicit' | 'auto';
  /**
   * Long polling of each receive (1..20 s).
   * @default 20
   */
  readonly waitSeconds?: number;
  /**
   * Seconds a received message stays invisible before it comes back unless acked.
   * @default the queue's visibilityTimeoutSeconds
   */
  readonly visibilitySeconds?: number;
  /**
   * Acks (and nacks) are sent in batches of up to 100, at the latest this long after the first of
   * a batch, and as soon as the queue runs dry.
   * @default 1000
   */
  readonly settleIntervalMs?: number;
  /**
   * Called with what a handler threw (the message is nacked) and with a failed receive or ack.
   * @default console.error
   */
  readonly onError?: (error: unknown, message?: ReceivedMessage) => void;
}

export interface ConsumeSummary {
  /** Messages whose handler succeeded, and that the queue confirmed deleted (explicit mode). */
  readonly acked: number;
  /** Messages whose handler threw, requeued with a backoff. */
  readonly nacked: number;
  /** Messages handled in all. */
  readonly handled: number;
}

/** Statuses (and network errors) after which the loop receives again after a backoff instead of stopping. */
const transient = (error: unknown) => error instanceof TypeError || (error instanceof PostroomError && [429, 500, 502, 503, 504].includes(error.status));

/**
 * The long-poll loop of `queue.consume`: receive, run handlers, ack successes and nack failures
 * in batches. Rejects (after the handlers in flight are done) when a receive fails for good,
 * e.g. 404 queue_not_found.
 */
export async function consumeQueue(queue: QueueClient, handler: MessageHandler, options: ConsumeOptions): Promise<ConsumeSummary> {
  const { signal, concurrency = 10, ackMode = 'explicit', waitSeconds = 20, onError = console.error } = options;
  const explicit = ackMode === 'explicit';
  const acks = new Settler((receipts) => queue.ack(receipts).then((result) => result.acked), options.settleIntervalMs ?? 1000, onError);
  const nacks = new Settler((receipts) => queue.nack(receipts).then((result) => result.nacked), options.settleIntervalMs ?? 1000, onError);
  const inFlight = new Set<Promise<void>>();
  const batch = Math.min(10, concurrency);
  let handled = 0;
  let failures = 0;
  let fatal: unknown;

  const run = async (message: ReceivedMessage) => {
    try {
      await handler(message, { signal });
      if (explicit) acks.add(message.receipt!);
    } catch (error) {
      onError(error, message);
      if (explicit) nacks.add(message.receipt!);
    }
    handled++;
  };

  while (!signal.aborted) {
    while (concurrency - inFlight.size < batch) await Promise.race(inFlight);
    let messages: ReceivedMessage[];
    try {
      messages = await queue.receive({ max: batch, waitSeconds, ack: ackMode, signal, ...(options.visibilitySeconds !== undefined && { visibilitySeconds: options.visibilitySeconds }) });
      failures = 0;
    } catch (error) {
      if (signal.aborted) break;
      if (!transient(error)) {
        fatal = error;
        break;
      }
      onError(error);
      await sleep(backoffMs(failures++, defaultRetryOptions), signal).catch(() => {});
      continue;
    }
    // A short answer means the queue is (nearly) dry: settle now rather than wait for a full batch.
    if (messages.length < batch) {
      void acks.flush();
      void nacks.flush();
    }
    for (const message of messages) {
      const running = run(message).finally(() => inFlight.delete(running));
      inFlight.add(running);
    }
  }
  await Promise.all(inFlight);
  const [acked, nacked] = await Promise.all([acks.close(), nacks.close()]);
  if (fatal !== undefined) throw fatal;
  return { acked: explicit ? acked : handled, nacked, handled };
}

/** Collects receipts and settles them in requests of up to 100, one request at a time. */
class Settler {
  readonly #send: (receipts: string[]) => Promise<number>;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  #pending: string[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #sending: Promise<void> = Promise.resolve();
  #settled = 0;

  constructor(send: (receipts: string[]) => Promise<number>, intervalMs: number, onError: (error: unknown) => void) {
    this.#send = send;
    this.#intervalMs = intervalMs;
    this.#onError = onError;
  }

  add(receipt: string): void {
    this.#pending.push(receipt);
    if (this.#pending.length >= 100) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#intervalMs);
  }

  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return this.#sending;
    const receipts = this.#pending.splice(0, 100);
    // A receipt that fails to settle comes back after its visibility timeout: at least once.
    this.#sending = this.#sending.then(() => this.#send(receipts).then((count) => void (this.#settled += count), this.#onError));
    return this.#pending.length > 0 ? this.flush() : this.#sending;
  }

  /** Settles what is pending; resolves with the count settled in all. */
  async close(): Promise<number> {
    await this.flush();
    return this.#settled;
  }
}
