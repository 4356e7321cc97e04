import type { MessageProperties } from './envelope.ts';

/**
 * Message TTL as RabbitMQ has it: a message expires the lower of its own `expirationMs` and its
 * queue's `messageTtlMs` after it entered the queue. Postroom enforces it when a consumer receives
 * (see receive.ts), so an expired message waits in SQS until then, as RabbitMQ's per-message TTL
 * waits for the queue head.
 */

/** The envelope members recording a per-message TTL, for consumers that read SQS directly. */
export function expiryProperties(expirationMs: number | undefined, publishedAt: string): Pick<MessageProperties, 'expirationMs' | 'expiresAt'> {
  if (expirationMs === undefined) return {};
  return { expirationMs, expiresAt: new Date(Date.parse(publishedAt) + expirationMs).toISOString() };
}

/** Epoch ms at which a message that entered its queue at `enqueuedAt` (epoch ms) expires, or undefined for never. */
export function expiryTime(enqueuedAt: number, expirationMs: number | undefined, queueTtlMs: number | undefined): number | undefined {
  const ttls = [expirationMs, queueTtlMs].filter((ttl) => ttl !== undefined);
  return ttls.length === 0 ? undefined : enqueuedAt + Math.min(...ttls);
}
