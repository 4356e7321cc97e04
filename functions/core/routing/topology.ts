import type { HeaderValue, MessageHeaders } from '../schemas/message-requests.ts';

export const EXCHANGE_TYPES = ['direct', 'fanout', 'topic', 'headers'] as const;
export type ExchangeType = (typeof EXCHANGE_TYPES)[number];

export interface ExchangeDefinition {
  readonly type: ExchangeType;
  /** Where a message goes when none of this exchange's bindings match it. */
  readonly alternateExchange?: string;
}

/**
 * A binding's arguments. Only headers exchanges read them: each is a condition on the message
 * header of the same name, and `null` asks only that the header be present.
 */
export type BindingArguments = Readonly<Record<string, HeaderValue | null>>;

export type BindingDestination = { readonly queue: string } | { readonly exchange: string };

export interface Binding {
  readonly source: string;
  readonly destination: BindingDestination;
  readonly bindingKey: string;
  readonly arguments: BindingArguments;
}

/**
 * Exchanges and bindings as of one moment. A binding is assumed to point at a queue that exists,
 * as RabbitMQ removes a queue's bindings with the queue.
 */
export interface Topology {
  readonly exchanges: Readonly<Record<string, ExchangeDefinition>>;
  readonly bindings: readonly Binding[];
}

/** What routing looks at in a published message. */
export interface RoutableMessage {
  readonly exchange: string;
  readonly routingKey: string;
  readonly headers: MessageHeaders;
}
