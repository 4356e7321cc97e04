import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { SqsLimits, utf8Bytes } from './sqs-limits.ts';
import type { MessagePayload } from './schemas/message-requests.ts';

/**
 * The claim check: a payload too large for SNS or SQS travels as an object in the stack's payload
 * bucket, and the envelope carries `"bodyRef"` in place of `body`/`bodyBase64`. The object is
 * written once per publish, before anything is sent, whatever the number of queues the message
 * reaches; every copy of the message (fan-out, dead letters, redrives) shares it.
 *
 * Objects are never deleted on ack: SQS standard queues may deliver a copy again after it was
 * deleted, and a message that reached one queue may still fan out later through a dead-letter
 * exchange, so no single ack proves it was the last reference (the SQS Extended Client's delete
 * on ack breaks fan-out for this reason). The bucket's lifecycle rule deletes them instead, after
 * PAYLOAD_EXPIRY_DAYS, and every time Postroom itself sends a message on (dead-lettering, redrive)
 * it renews the object, so the rule outlives every reference (see PAYLOAD_EXPIRY_DAYS).
 */

/** Where a claimed payload is kept. */
export interface PayloadReference {
  readonly bucket: string;
  readonly key: string;
  /** `json`: the object is the body's JSON text; `binary`: it is the bytes `bodyBase64` encodes. */
  readonly encoding: 'json' | 'binary';
  /** The payload's size as it travels in the API: the body's JSON text, or the base64 text. */
  readonly bytes: number;
}

export type ClaimedPayload = { readonly bodyRef: PayloadReference };

/** What an envelope carries: the payload itself, or a reference to it. */
export type EnvelopePayload = MessagePayload | ClaimedPayload;

export const payloadReferenceSchema = z.object({
  bucket: z.string().check(z.minLength(1)),
  key: z.string().check(z.minLength(1)),
  encoding: z.enum(['json', 'binary']),
  bytes: z.int().check(z.gte(0)),
});

export const isClaimed = (payload: EnvelopePayload): payload is ClaimedPayload => Object.hasOwn(payload, 'bodyRef');

/**
 * Largest payload a message may have (its `body` as JSON text, or its `bodyBase64` text). A request
 * reaches the API function as part of a Lambda event of at most 6 MB (6,291,456 bytes), and a
 * receive answers within the same limit, so 5 MiB leaves room for the rest of either.
 */
export const MAX_CLAIMED_PAYLOAD_BYTES = 5 * 1024 * 1024;

/**
 * Days a payload object is kept: the longest a reference can live without Postroom sending it on.
 * A message lives at most the longest SQS retention in its queue; SQS's own redrive may then move
 * it to a FIFO dead-letter queue, which restarts the retention clock (a standard one keeps the
 * original enqueue time); one day more covers a message received just before it expired, whose
 * receipt still names the object. Postroom's own moves (reject, dead-letter exchange, redrive)
 * renew the object first, so each starts the count again.
 */
export const PAYLOAD_EXPIRY_DAYS = 2 * Math.ceil(SqsLimits.maxRetentionSeconds / 86_400) + 1;

/**
 * What the messages of one answer (a receive, a dead-letter peek) may add up to: Lambda answers at
 * most 6 MB (6,291,456 bytes), and one payload of the largest size must fit alone.
 */
export const MAX_ANSWER_BYTES = MAX_CLAIMED_PAYLOAD_BYTES + 512 * 1024;

/**
 * Whether a payload is too large for any answer (only uploads are): a receive or a dead-letter
 * peek then gives a presigned GET URL of its object (`bodyUrl`) beside its `bodyRef`.
 */
export const isAnsweredByUrl = (reference: PayloadReference): boolean => reference.bytes > MAX_CLAIMED_PAYLOAD_BYTES;

/** What a claimed payload adds to an answer: its restored size, or nothing when it is answered by URL. */
export const answeredPayloadBytes = (payload: EnvelopePayload): number =>
  isClaimed(payload) && !isAnsweredByUrl(payload.bodyRef) ? payload.bodyRef.bytes : 0;

/** How many of `items`, from the first, fit one answer by `bytesOf` (the first always does). */
export function countFittingAnswer<T>(items: readonly T[], bytesOf: (item: T, index: number) => number): number {
  let bytes = 0;
  const over = items.findIndex((item, index) => (bytes += bytesOf(item, index)) > MAX_ANSWER_BYTES && index > 0);
  return over === -1 ? items.length : over;
}

/** Key prefix of the payload objects (the lifecycle rule's filter). */
export const PAYLOAD_KEY_PREFIX = 'payloads/';

/** The payload's size as `MAX_CLAIMED_PAYLOAD_BYTES` counts it. */
export function payloadBytes(payload: MessagePayload): number {
  return 'bodyBase64' in payload ? payload.bodyBase64.length : utf8Bytes(JSON.stringify(payload.body) ?? 'null');
}

/** An object to write to the payload bucket: its content, or the uploaded object to copy (core/uploads.ts). */
export type PayloadObject = WrittenPayloadObject | CopiedPayloadObject;
export interface WrittenPayloadObject {
  readonly key: string;
  readonly contentType: string;
  readonly content: string | Uint8Array;
}
export interface CopiedPayloadObject {
  readonly key: string;
  readonly contentType: string;
  /** The key of the object to copy. */
  readonly copyOf: string;
}

/** The Content-Type of a payload object. */
export const payloadContentType = (encoding: PayloadReference['encoding']): string => (encoding === 'binary' ? 'application/octet-stream' : 'application/json');

/** The reference that replaces `payload`, and the object to store under it (a new key each time). */
export function claimPayload(payload: MessagePayload, bucket: string): { readonly payload: ClaimedPayload; readonly object: WrittenPayloadObject } {
  const key = `${PAYLOAD_KEY_PREFIX}${randomUUID()}`;
  const bytes = payloadBytes(payload);
  if ('bodyBase64' in payload) {
    return {
      payload: { bodyRef: { bucket, key, encoding: 'binary', bytes } },
      object: { key, contentType: payloadContentType('binary'), content: Buffer.from(payload.bodyBase64, 'base64') },
    };
  }
  return {
    payload: { bodyRef: { bucket, key, encoding: 'json', bytes } },
    object: { key, contentType: 'application/json', content: JSON.stringify(payload.body) ?? 'null' },
  };
}

/** The payload a reference stood for, from its object's content. */
export function restorePayload(reference: PayloadReference, content: Uint8Array): MessagePayload {
  const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  return reference.encoding === 'binary' ? { bodyBase64: buffer.toString('base64') } : { body: JSON.parse(buffer.toString('utf8')) };
}
