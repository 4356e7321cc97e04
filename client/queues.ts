import { chunks, sendBatches, type BatchOptions } from './batches.ts';
import { consumeQueue, type ConsumeOptions, type ConsumeSummary, type MessageHandler } from './consume.ts';
import { idempotencyKey, ok, type RawClient } from './http.ts';
import type { Acked, Binding, DeadLetter, DeadLettersDeleted, Message, Nacked, Published, Purged, Queue, QueueDescription, QueueSettings, ReceivedMessage, Redriven } from './types.ts';

/** The API's limits per request: messages per publish, receipts per ack or nack. */
export const MAX_MESSAGES_PER_PUBLISH = 100;
export const MAX_RECEIPTS_PER_SETTLE = 100;

/** Receipts, or the received messages that carry them. */
export type Receipts = string | { readonly receipt?: string } | readonly (string | { readonly receipt?: string })[];

export interface ReceiveOptions {
  /**
   * Messages at most (1..10).
   * @default 1
   */
  readonly max?: number;
  /**
   * Long polling: seconds to wait for a first message (0..20).
   * @default 0
   */
  readonly waitSeconds?: number;
  /**
   * Seconds the messages stay invisible to other receivers before they come back unless acked.
   * @default the queue's visibilityTimeoutSeconds
   */
  readonly visibilitySeconds?: number;
  /**
   * `'auto'` deletes the messages as they are received (at most once; they carry no receipt).
   * @default 'explicit'
   */
  readonly ack?: 'auto' | 'explicit';
  /** Aborts the request (a long poll) early. */
  readonly signal?: AbortSignal;
}

export interface NackOptions {
  /**
   * true: the messages come back (after `delaySeconds`, else an exponential backoff); false:
   * they are dead-lettered now.
   * @default true
   */
  readonly requeue?: boolean;
  readonly delaySeconds?: number;
}

/** `client.queues`: what concerns all queues. */
export class Queues {
  readonly #raw: RawClient;

  constructor(raw: RawClient) {
    this.#raw = raw;
  }

  /** The declared queues. */
  async list(): Promise<Queue[]> {
    return (await ok(this.#raw.GET('/v1/queues'))).queues;
  }
}

/**
 * One queue: `client.queue('orders')`. Creating it sends no request.
 *
 * @example
 * ```ts
 * const orders = client.queue('orders');
 * await orders.declare({ maxDeliveries: 5 });
 * await orders.publish([{ body: { id: 1 } }, { body: { id: 2 } }]);
 * const messages = await orders.receive({ max: 10, waitSeconds: 20 });
 * await orders.ack(messages);
 * ```
 */
export class QueueClient {
  readonly #raw: RawClient;
  readonly name: string;
  /** The queue's dead letters. */
  readonly deadLetters: DeadLetters;

  constructor(raw: RawClient, name: string) {
    this.#raw = raw;
    this.name = name;
    this.deadLetters = new DeadLetters(raw, name);
  }

  private get path() {
    return { params: { path: { name: this.name } } };
  }

  /** Declares the queue (RabbitMQ queue.declare): creates it, or checks that it has these settings. */
  async declare(settings: QueueSettings = {}): Promise<Queue> {
    return ok(this.#raw.PUT('/v1/queues/{name}', { ...this.path, body: settings }));
  }

  /** Its settings and message counts. */
  async describe(): Promise<QueueDescription> {
    return ok(this.#raw.GET('/v1/queues/{name}', this.path));
  }

  /** Deletes it with its messages and bindings; `ifEmpty` refuses (409 queue_not_empty) while it holds messages. */
  async delete(options: { readonly ifEmpty?: boolean } = {}): Promise<void> {
    const query = options.ifEmpty === undefined ? {} : { query: { ifEmpty: String(options.ifEmpty) as 'true' | 'false' } };
    await ok(this.#raw.DELETE('/v1/queues/{name}', { params: { path: { name: this.name }, ...query } }));
  }

  /** Deletes every message (not the dead letters). */
  async purge(): Promise<Purged> {
    return ok(this.#raw.POST('/v1/queues/{name}/purge', this.path));
  }

  /**
   * Publishes one message, or a list in requests of 100, each with its own Idempotency-Key (so a
   * retried request cannot store its messages twice). Returns the message ids in order.
   */
  async publish(messages: Message | readonly Message[], options: BatchOptions = {}): Promise<Published> {
    const batches = isList(messages) ? chunks(messages, MAX_MESSAGES_PER_PUBLISH) : [[messages]];
    const results = await sendBatches(
      batches,
      (batch) =>
        ok(
          this.#raw.POST('/v1/queues/{name}/messages', {
            params: { path: { name: this.name }, header: { 'Idempotency-Key': idempotencyKey() } },
            body: isList(messages) ? { messages: batch } : batch[0]!,
          }),
        ),
      options,
    );
    return { messageIds: results.flatMap((result) => result.messageIds) };
  }

  /** Receives up to `max` messages; ack or nack each by its `receipt`. */
  async receive(options: ReceiveOptions = {}): Promise<ReceivedMessage[]> {
    const body = {
      ...(options.max !== undefined && { maxMessages: options.max }),
      ...(options.waitSeconds !== undefined && { waitSeconds: options.waitSeconds }),
      ...(options.visibilitySeconds !== undefined && { visibilityTimeoutSeconds: options.visibilitySeconds }),
      ...(options.ack !== undefined && { ack: options.ack }),
    };
    return (await ok(this.#raw.POST('/v1/queues/{name}/receive', { ...this.path, body, ...(options.signal && { signal: options.signal }) }))).messages;
  }

  /** Acknowledges (deletes) messages; a receipt that fails is listed in `failures`. */
  async ack(receipts: Receipts): Promise<Acked> {
    const results = await sendBatches(chunks(receiptsOf(receipts), MAX_RECEIPTS_PER_SETTLE), (batch) =>
      ok(this.#raw.POST('/v1/queues/{name}/ack', { ...this.path, body: { receipts: batch } })),
    );
    return { acked: sum(results.map((result) => result.acked)), failures: results.flatMap((result) => result.failures) };
  }

  /** Rejects messages: requeued (after a delay) or dead-lettered. */
  async nack(receipts: Receipts, options: NackOptions = {}): Promise<Nacked> {
    const results = await sendBatches(chunks(receiptsOf(receipts), MAX_RECEIPTS_PER_SETTLE), (batch) =>
      ok(this.#raw.POST('/v1/queues/{name}/nack', { ...this.path, body: { receipts: batch, ...options } })),
    );
    return { nacked: sum(results.map((result) => result.nacked)), failures: results.flatMap((result) => result.failures) };
  }

  /**
   * Consumes the queue until `options.signal` aborts: long polls, runs `handler` on each message
   * (up to `concurrency` at once), acks those it handled and nacks those it threw on, in batches.
   *
   * @example
   * ```ts
   * const stop = new AbortController();
   * process.once('SIGINT', () => stop.abort());
   * await client.queue('orders').consume(async (message) => { await ship(message.body); }, { signal: stop.signal });
   * ```
   */
  consume(handler: MessageHandler, options: ConsumeOptions): Promise<ConsumeSummary> {
    return consumeQueue(this, handler, options);
  }

  /** The bindings that route to this queue. */
  async bindings(): Promise<Binding[]> {
    return (await ok(this.#raw.GET('/v1/queues/{name}/bindings', this.path))).bindings;
  }
}

/** `queue.deadLetters`: the messages that ran out of deliveries or were nacked without requeue. */
export class DeadLetters {
  readonly #raw: RawClient;
  readonly #name: string;

  constructor(raw: RawClient, name: string) {
    this.#raw = raw;
    this.#name = name;
  }

  /**
   * Up to `max` dead letters (1..100), left in place.
   * @param options.max @default 10
   */
  async peek(options: { readonly max?: number } = {}): Promise<DeadLetter[]> {
    const query = options.max === undefined ? {} : { query: { max: options.max } };
    return (await ok(this.#raw.GET('/v1/queues/{name}/dead-letters', { params: { path: { name: this.#name }, ...query } }))).messages;
  }

  /** Deletes the dead letters with these message ids (up to 100), or all of them without ids. */
  async delete(messageIds?: readonly string[]): Promise<DeadLettersDeleted> {
    const query = messageIds === undefined ? {} : { query: { messageId: [...messageIds] } };
    return ok(this.#raw.DELETE('/v1/queues/{name}/dead-letters', { params: { path: { name: this.#name }, ...query } }));
  }

  /**
   * Moves dead letters back to the queue: all, up to `max`, or those with these message ids (up
   * to 100; the answer's `notFound` lists the ids that were not among them).
   */
  async redrive(options: { readonly max?: number; readonly messageIds?: readonly string[] } = {}): Promise<Redriven> {
    const body = {
      ...(options.max !== undefined && { maxMessages: options.max }),
      ...(options.messageIds !== undefined && { messageIds: [...options.messageIds] }),
    };
    return ok(this.#raw.POST('/v1/queues/{name}/dead-letters/redrive', { params: { path: { name: this.#name } }, body }));
  }
}

const isList = <T>(value: T | readonly T[]): value is readonly T[] => Array.isArray(value);
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

function receiptsOf(receipts: Receipts): string[] {
  const list = isList(receipts) ? receipts : [receipts];
  return list.map((item) => {
    const receipt = typeof item === 'string' ? item : item.receipt;
    if (receipt === undefined) throw new TypeError('a message without a receipt (received with ack "auto") cannot be settled');
    return receipt;
  });
}
