import { randomUUID } from 'node:crypto';
import { encodeEnvelope, type MessageProperties } from './envelope.ts';
import { expiryProperties } from './message-expiry.ts';
import { MessageTooLargeError, PublishIncompleteError } from './problems/index.ts';
import type { OutgoingMessage } from './schemas/message-requests.ts';

/** A message in its envelope, ready to send. */
export interface SealedMessage {
  readonly id: string;
  readonly body: string;
}

export interface SealOptions<M> {
  readonly publishedAt: string;
  /** Largest size a message may have, as `sizeOf` counts it. */
  readonly limit: number;
  readonly sizeOf: (body: string, index: number) => number;
  readonly properties?: (message: M, index: number) => MessageProperties;
}

/**
 * Wraps each message in its envelope under its own id (or a new UUID). One message over the limit
 * refuses the whole request with 413; this runs before anything is sent, so that writes nothing.
 */
export function sealMessages<M extends OutgoingMessage>(messages: readonly M[], options: SealOptions<M>): SealedMessage[] {
  return messages.map((message, index) => {
    const id = message.messageId ?? randomUUID();
    const body = encodeEnvelope({
      id,
      publishedAt: options.publishedAt,
      headers: message.headers,
      payload: message.payload,
      properties: { ...options.properties?.(message, index), ...expiryProperties(message.expirationMs, options.publishedAt) },
    });
    const bytes = options.sizeOf(body, index);
    if (bytes > options.limit) throw new MessageTooLargeError(index, id, bytes, options.limit);
    return { id, body };
  });
}

/** @throws PublishIncompleteError naming the messages to publish again, unless every one was accepted */
export function assertAllPublished(messages: readonly SealedMessage[], accepted: readonly boolean[]): void {
  if (accepted.every(Boolean)) return;
  const ids = messages.map(({ id }) => id);
  throw new PublishIncompleteError(
    ids.filter((_, index) => accepted[index]),
    ids.filter((_, index) => !accepted[index]),
  );
}
