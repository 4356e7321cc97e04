import type { QueueSettings } from './queue-settings.ts';
import { expiryTime } from './message-expiry.ts';

/** What becomes of a message SQS just handed to `receive`. */
export type DeliveryFate = 'deliver' | 'expired' | 'delivery_limit';

export interface ReceivedFacts {
  /** Epoch ms the message entered the queue (SQS's SentTimestamp). */
  readonly enqueuedAt: number;
  /** SQS's ApproximateReceiveCount, this receive included. */
  readonly receiveCount: number;
  readonly expirationMs: number | undefined;
}

/**
 * An expired message is never delivered (RabbitMQ checks expiry before delivering, so expiry
 * wins). Past `maxDeliveries`, a queue with a dead-letter exchange dead-letters the message
 * itself; without one SQS's redrive does so before Postroom sees it.
 */
export function fateOf(message: ReceivedFacts, settings: QueueSettings, now: number): DeliveryFate {
  const expiresAt = expiryTime(message.enqueuedAt, message.expirationMs, settings.messageTtlMs);
  if (expiresAt !== undefined && now >= expiresAt) return 'expired';
  if (settings.deadLetterExchange !== undefined && message.receiveCount > settings.maxDeliveries) return 'delivery_limit';
  return 'deliver';
}
