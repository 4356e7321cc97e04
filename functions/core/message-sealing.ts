import { randomUUID } from 'node:crypto';
import { claimPayload, MAX_CLAIMED_PAYLOAD_BYTES, payloadBytes, type ClaimedPayload, type PayloadObject } from './claim-check.ts';
import { encodeEnvelope, type Envelope, type MessageProperties } from './envelope.ts';
import { expiryProperties } from './message-expiry.ts';
import { claimUpload, MAX_UPLOAD_BYTES } from './uploads.ts';
import { MessageTooLargeError, PublishIncompleteError } from './problems/index.ts';
import type { OutgoingMessage } from './schemas/message-requests.ts';

/** A message in its envelope, ready to send. */
export interface SealedMessage {
  readonly id: string;
  readonly body: string;
  /** The payload object to store before the message is sent, when its envelope carries a reference. */
  readonly claim?: PayloadObject;
}

export interface SealOptions<M> {
  readonly publishedAt: string;
  /** Largest size a message may have, as `sizeOf` counts it. */
  readonly limit: number;
  readonly sizeOf: (body: string, index: number) => number;
  readonly properties?: (message: M, index: number) => MessageProperties;
  /** The payload bucket: a message over `limit` has its payload stored there (see claim-check.ts). Unset: 413 over `limit`. */
  readonly claimBucket?: string;
  /** The size of each upload the messages name, by upload id (S3Payloads.sizeUploads). */
  readonly uploads?: ReadonlyMap<string, number>;
}

/**
 * Wraps each message in its envelope under its own id (or a new UUID). A message over the limit
 * gets a reference to its payload instead, with a bucket to claim it in and a payload of at most
 * MAX_CLAIMED_PAYLOAD_BYTES; else it refuses the whole request with 413. This runs before
 * anything is stored or sent, so a refused request writes nothing.
 */
export function sealMessages<M extends OutgoingMessage>(messages: readonly M[], options: SealOptions<M>): SealedMessage[] {
  return messages.map((message, index) => {
    const id = message.messageId ?? randomUUID();
    const { payload } = message;
    const unsealed: Omit<Envelope, 'payload'> = {
      id,
      publishedAt: options.publishedAt,
      headers: message.headers,
      properties: { ...options.properties?.(message, index), ...expiryProperties(message.expirationMs, options.publishedAt) },
    };
    if ('upload' in payload) return sealUpload(index, unsealed, payload.upload, options);
    const envelope: Envelope = { ...unsealed, payload };
    const body = encodeEnvelope(envelope);
    const bytes = options.sizeOf(body, index);
    if (bytes <= options.limit) return { id, body };
    if (options.claimBucket === undefined) throw new MessageTooLargeError(index, id, bytes, options.limit);
    const size = payloadBytes(payload);
    if (size > MAX_CLAIMED_PAYLOAD_BYTES) throw new MessageTooLargeError(index, id, size, MAX_CLAIMED_PAYLOAD_BYTES);
    return sealClaimed(index, envelope, claimPayload(payload, options.claimBucket), options);
  });
}

/** A message that names an upload: always claimed, by a copy of the upload. */
function sealUpload(index: number, envelope: Omit<Envelope, 'payload'>, uploadId: string, options: Pick<SealOptions<unknown>, 'claimBucket' | 'uploads' | 'limit' | 'sizeOf'>): SealedMessage {
  const size = options.uploads?.get(uploadId);
  if (size === undefined || options.claimBucket === undefined) throw new Error(`upload ${uploadId} was not sized before sealing`);
  if (size > MAX_UPLOAD_BYTES) throw new MessageTooLargeError(index, envelope.id, size, MAX_UPLOAD_BYTES);
  return sealClaimed(index, envelope, claimUpload(uploadId, size, options.claimBucket), options);
}

function sealClaimed(index: number, envelope: Omit<Envelope, 'payload'>, claimed: { readonly payload: ClaimedPayload; readonly object: PayloadObject }, options: Pick<SealOptions<unknown>, 'claimBucket' | 'uploads' | 'limit' | 'sizeOf'>): SealedMessage {
  const referring = encodeEnvelope({ ...envelope, payload: claimed.payload });
  // What is left (headers, properties) must fit the transport by itself.
  const left = options.sizeOf(referring, index);
  if (left > options.limit) throw new MessageTooLargeError(index, envelope.id, left, options.limit);
  return { id: envelope.id, body: referring, claim: claimed.object };
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
