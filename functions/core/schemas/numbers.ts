import { z } from 'zod';

/** An integer in [min, max], with one message a person can act on for every way it can be wrong. */
export function integerIn(min: number, max: number) {
  const error = `must be an integer from ${min} to ${max}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
}

/** A query-string integer in [min, max]: digits only, so "", "1e3" and "0x10" are rejected. */
export function queryIntegerIn(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,15}$/, { error: `must be an integer from ${min} to ${max}` })
    .transform(Number)
    .pipe(integerIn(min, max));
}

/** A query-string boolean: exactly `true` or `false`. */
export const queryBoolean = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((value) => value === 'true');
