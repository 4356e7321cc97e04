import * as z from 'zod/mini';

/** An integer in [min, max], with one message a person can act on for every way it can be wrong. */
export function integerIn(min: number, max: number) {
  const error = `must be an integer from ${min} to ${max}`;
  return z.int({ error }).check(z.gte(min, { error }), z.lte(max, { error }));
}

const positiveMillisecondsError = 'must be a positive whole number of milliseconds';
/** A duration in whole milliseconds, at least 1 (a TTL: RabbitMQ's `expiration` and `x-message-ttl`). */
export const positiveMilliseconds = z
  .int({ error: positiveMillisecondsError })
  .check(z.gte(1, { error: positiveMillisecondsError }), z.lte(Number.MAX_SAFE_INTEGER, { error: positiveMillisecondsError }));

/** A query-string integer in [min, max]: digits only, so "", "1e3" and "0x10" are rejected. */
export function queryIntegerIn(min: number, max: number) {
  return z.pipe(
    z.pipe(z.string().check(z.regex(/^\d{1,15}$/, { error: `must be an integer from ${min} to ${max}` })), z.transform(Number)),
    integerIn(min, max),
  );
}

/** A query-string boolean: exactly `true` or `false`. */
export const queryBoolean = z.pipe(
  z.enum(['true', 'false'], { error: 'must be true or false' }),
  z.transform((value) => value === 'true'),
);
