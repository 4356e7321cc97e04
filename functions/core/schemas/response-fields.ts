import * as z from 'zod/mini';

/* Building blocks the response schemas share. */

export const count = z.int().check(z.gte(0));
export const isoTime = z.iso.datetime();
/** A message's headers as the API shows them: AMQP's value types, `null` for void. */
export const headerValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
/** A message's content: exactly one of `body` (any JSON value) and `bodyBase64`. */
export const payloadFields = { body: z.optional(z.unknown()), bodyBase64: z.optional(z.string()) };
