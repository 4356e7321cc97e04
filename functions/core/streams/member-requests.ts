import * as z from 'zod/mini';
import { integerIn } from '../schemas/numbers.ts';
import { DEFAULT_READ_BYTES, DEFAULT_READ_RECORDS, MAX_READ_BYTES, MAX_READ_RECORDS } from './limits.ts';

/** Member ids travel in paths: the characters of group names, which need no escaping. */
export const memberIdSchema = z.string().check(
  z.regex(/^[A-Za-z0-9._-]{1,255}$/, { error: "a member id is 1 to 255 letters, digits, '.', '_' or '-'" }),
);

export const generationSchema = integerIn(0, Number.MAX_SAFE_INTEGER);

/**
 * Kafka's group.min.session.timeout.ms (6 s) bounds what a member may ask for, with a lower ceiling
 * than its 30 minutes; 30 s was the consumer's default before Kafka 3.0 (45 s since).
 */
const MIN_SESSION_TIMEOUT_MS = 6000;
const MAX_SESSION_TIMEOUT_MS = 300_000;
const DEFAULT_SESSION_TIMEOUT_MS = 30_000;

/** Body of `POST /v1/streams/{name}/groups/{group}/members`; none at all joins with a new id and the default timeout. */
export const joinBodySchema = z.prefault(
  z.strictObject({
    memberId: z.optional(memberIdSchema),
    sessionTimeoutMs: z._default(integerIn(MIN_SESSION_TIMEOUT_MS, MAX_SESSION_TIMEOUT_MS), DEFAULT_SESSION_TIMEOUT_MS),
  }),
  {},
);

/** Body of `POST .../members/{id}/heartbeat`. */
export const heartbeatBodySchema = z.strictObject({ generation: generationSchema });

/** Body of `POST .../members/{id}/poll`: Kafka's max.poll.records and fetch.max.bytes. */
export const pollBodySchema = z.strictObject({
  generation: generationSchema,
  maxRecords: z._default(integerIn(1, MAX_READ_RECORDS), DEFAULT_READ_RECORDS),
  maxBytes: z._default(integerIn(1, MAX_READ_BYTES), DEFAULT_READ_BYTES),
});
