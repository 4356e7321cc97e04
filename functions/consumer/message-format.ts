/**
 * Postroom's message format as users' functions get it, written out here rather than derived from
 * the broker's internals: it is a public contract (the envelope of functions/core/envelope.ts, opened),
 * and the compiler checks at each helper that the broker's own values still fit it.
 */

/** A header's value; `null` is AMQP's void: the header is present without a value. */
export type HeaderValue = string | number | boolean | null;

export type MessageHeaders = Readonly<Record<string, HeaderValue>>;

/** A JSON body (any JSON value, `null` included), or a binary one in standard base64. */
export type MessagePayload = { readonly body: unknown } | { readonly bodyBase64: string };

/** An earlier death of the message (RabbitMQ's `x-death` entry). */
export interface DeathEntry {
  readonly queue: string;
  readonly reason: 'rejected' | 'expired' | 'delivery_limit';
  /** Times the message died in this queue for this reason. */
  readonly count: number;
  /** ISO 8601 time of the latest of those deaths. */
  readonly time: string;
  /** The exchange and routing key of the original publish (`amq.default` and the queue name for a direct publish). */
  readonly exchange: string;
  readonly routingKeys: readonly string[];
  /** Deliveries to consumers from this queue before the latest death. */
  readonly deliveryCount: number;
}

/** AMQP-style properties of a message (most only through an exchange); each only when set. */
export interface MessageProperties {
  /** The exchange it was published to (`amq.default` for the default one). */
  readonly exchange?: string;
  readonly routingKey?: string;
  readonly correlationId?: string;
  readonly replyTo?: string;
  readonly priority?: number;
  /** Per-message TTL, and the time it ends (publishedAt + expirationMs). */
  readonly expirationMs?: number;
  readonly expiresAt?: string;
  /** How the message died before, newest first. */
  readonly deaths?: readonly DeathEntry[];
}
