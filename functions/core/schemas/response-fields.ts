import * as z from 'zod/mini';
import { payloadReferenceSchema } from '../claim-check.ts';

/* Building blocks the response schemas share. */

export const count = z.int().check(z.gte(0));
export const isoTime = z.iso.datetime();
/** A message's headers as the API shows them: AMQP's value types, `null` for void. */
export const headerValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
/**
 * A message's content: exactly one of `body` (any JSON value) and `bodyBase64`; or `bodyRef`, the
 * reference of a large payload whose object is gone (past the payload bucket's expiry) or which is
 * too large for an answer (an upload's): then `bodyUrl` is a presigned GET of its bytes.
 */
export const payloadFields = {
  body: z.optional(z.unknown()),
  bodyBase64: z.optional(z.string()),
  bodyRef: z.optional(payloadReferenceSchema),
  bodyUrl: z.optional(z.url()),
};
