import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { PAYLOAD_KEY_PREFIX, payloadContentType, type ClaimedPayload, type CopiedPayloadObject } from './claim-check.ts';
import { integerIn } from './schemas/numbers.ts';

/**
 * Presigned uploads: a body too large for one request (over MAX_CLAIMED_PAYLOAD_BYTES) is PUT
 * straight to the payload bucket under `uploads/<uploadId>`, and a publish then names the upload
 * instead of giving `body` or `bodyBase64`. The publish copies the object to a payload object of
 * its own (server-side), so an upload follows the claim check from there on and the upload itself
 * can expire soon (UPLOAD_EXPIRY_DAYS) whether it was published or not.
 */

/** Largest upload: 32 MiB of bytes, which a receive answers by URL (see isAnsweredByUrl). */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

/** How long an upload's PUT URL, and a receive's `bodyUrl`, stay valid. */
export const PRESIGNED_URL_SECONDS = 15 * 60;

/** Key prefix of uploaded objects (their own lifecycle rule's filter). */
export const UPLOAD_KEY_PREFIX = 'uploads/';

/** Days an uploaded object is kept: a publish copies it, so only the upload's own window counts. */
export const UPLOAD_EXPIRY_DAYS = 1;

export const uploadIdSchema = z.uuid({ error: 'must be an upload id from POST /v1/uploads' });

/** Body of `POST /v1/uploads`. */
export const uploadRequestSchema = z.strictObject({
  bytes: integerIn(1, MAX_UPLOAD_BYTES),
  contentType: z._default(z.string().check(z.regex(/^[\x21-\x7E]+\/[\x21-\x7E]+$/, { error: 'must be a media type such as application/pdf' })), 'application/octet-stream'),
});

/** Answer of `POST /v1/uploads`. */
export const uploadTargetSchema = z.object({
  uploadId: z.uuid(),
  url: z.url(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.iso.datetime(),
});

/** A payload a publish names by its upload. */
export type UploadedPayload = { readonly upload: string };

export const newUploadId = (): string => randomUUID();

export const uploadKey = (uploadId: string): string => `${UPLOAD_KEY_PREFIX}${uploadId}`;

/** The size of `bytes` bytes as bodyBase64 text: what MAX_CLAIMED_PAYLOAD_BYTES and answers count. */
export const base64Length = (bytes: number): number => 4 * Math.ceil(bytes / 3);

/** The reference to an upload's bytes, and the payload object to copy them to (a new key each time). */
export function claimUpload(uploadId: string, size: number, bucket: string): { readonly payload: ClaimedPayload; readonly object: CopiedPayloadObject } {
  const key = `${PAYLOAD_KEY_PREFIX}${randomUUID()}`;
  return {
    payload: { bodyRef: { bucket, key, encoding: 'binary', bytes: base64Length(size) } },
    object: { key, contentType: payloadContentType('binary'), copyOf: uploadKey(uploadId) },
  };
}

/** The ids of the uploads some messages name. */
export const uploadIdsOf = (messages: readonly { readonly payload: object }[]): string[] =>
  messages.flatMap(({ payload }) => ('upload' in payload ? [(payload as UploadedPayload).upload] : []));
