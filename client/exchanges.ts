import { chunks, sendBatches, type BatchOptions } from './batches.ts';
import { idempotencyKey, ok, type RawClient } from './http.ts';
import { MAX_MESSAGES_PER_PUBLISH } from './queues.ts';
import type { Binding, BindingRequest, Exchange, ExchangeMessage, ExchangePublished, ExchangeSettings, ExchangeType, Routes, RpcReply, RpcRequest, TestRouteRequest } from './types.ts';

/** A binding from this exchange: to a `queue`, or to a `destinationExchange`. */
export type BindingTarget = Omit<BindingRequest, 'exchange'>;

export interface ExchangePublishOptions extends BatchOptions {
  /** The routing key of every message that names none. */
  readonly routingKey?: string;
  /** Refuse (422 unroutable) a message that reaches no queue, instead of dropping it. */
  readonly mandatory?: boolean;
}

/** `client.exchanges`: what concerns all exchanges. */
export class Exchanges {
  readonly #raw: RawClient;

  constructor(raw: RawClient) {
    this.#raw = raw;
  }

  /** The exchanges, the default one first. */
  async list(): Promise<Exchange[]> {
    return (await ok(this.#raw.GET('/v1/exchanges'))).exchanges;
  }
}

/**
 * One exchange: `client.exchange('events')`.
 *
 * @example
 * ```ts
 * const events = client.exchange('events');
 * await events.declare('topic');
 * await events.bind({ queue: 'audit', bindingKey: 'order.*' });
 * await events.publish({ body: { id: 1 } }, { routingKey: 'order.created' });
 * ```
 */
export class ExchangeClient {
  readonly #raw: RawClient;
  readonly name: string;

  constructor(raw: RawClient, name: string) {
    this.#raw = raw;
    this.name = name;
  }

  get #path() {
    return { params: { path: { name: this.name } } };
  }

  /** Declares the exchange (RabbitMQ exchange.declare): creates it, or checks it has this type. */
  async declare(settings: ExchangeType | ExchangeSettings): Promise<Exchange> {
    return ok(this.#raw.PUT('/v1/exchanges/{name}', { ...this.#path, body: typeof settings === 'string' ? { type: settings } : settings }));
  }

  async describe(): Promise<Exchange> {
    return ok(this.#raw.GET('/v1/exchanges/{name}', this.#path));
  }

  /** Deletes it with its bindings; `ifUnused` refuses (409 exchange_in_use) while it is bound. */
  async delete(options: { readonly ifUnused?: boolean } = {}): Promise<void> {
    const query = options.ifUnused === undefined ? {} : { query: { ifUnused: String(options.ifUnused) as 'true' | 'false' } };
    await ok(this.#raw.DELETE('/v1/exchanges/{name}', { params: { path: { name: this.name }, ...query } }));
  }

  /** The bindings from this exchange. */
  async bindings(): Promise<Binding[]> {
    return (await ok(this.#raw.GET('/v1/exchanges/{name}/bindings', this.#path))).bindings;
  }

  /** Binds a queue or another exchange to this one; binding twice is one binding. */
  async bind(target: BindingTarget): Promise<Binding> {
    return ok(this.#raw.POST('/v1/bindings', { body: { exchange: this.name, ...target } }));
  }

  async unbind(target: BindingTarget): Promise<void> {
    await ok(this.#raw.DELETE('/v1/bindings', { body: { exchange: this.name, ...target } }));
  }

  /**
   * Publishes one message, or a list in requests of 100 with an Idempotency-Key each. Returns,
   * per message in order, its id and how many queues it reached.
   */
  async publish(messages: ExchangeMessage | readonly ExchangeMessage[], options: ExchangePublishOptions = {}): Promise<ExchangePublished> {
    const { routingKey, mandatory, ...batching } = options;
    const defaults = { ...(routingKey !== undefined && { routingKey }), ...(mandatory !== undefined && { mandatory }) };
    const list = (Array.isArray(messages) ? messages : [messages]) as readonly ExchangeMessage[];
    const results = await sendBatches(
      chunks(list.map((message) => ({ ...defaults, ...message })), MAX_MESSAGES_PER_PUBLISH),
      (batch) =>
        ok(
          this.#raw.POST('/v1/exchanges/{name}/messages', {
            params: { path: { name: this.name }, header: { 'Idempotency-Key': idempotencyKey() } },
            body: Array.isArray(messages) ? { messages: batch } : batch[0]!,
          }),
        ),
      batching,
    );
    return { results: results.flatMap((result) => result.results) };
  }

  /** The queues and exchanges a message would reach; publishes nothing. */
  async testRoute(message: TestRouteRequest = {}): Promise<Routes> {
    return ok(this.#raw.POST('/v1/exchanges/{name}/test-route', { ...this.#path, body: message }));
  }

  /**
   * Request-reply: publishes the message with a reply address and waits for the reply (504
   * reply_timeout when none comes within `timeoutMs`, 1..25000, default 5000).
   */
  async rpc(message: Omit<RpcRequest, 'timeoutMs'>, options: { readonly timeoutMs?: number } = {}): Promise<RpcReply> {
    const body = { ...message, ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }) };
    return ok(this.#raw.POST('/v1/exchanges/{name}/rpc', { ...this.#path, body }));
  }
}
