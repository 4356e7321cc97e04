import * as z from 'zod/mini';

/** Offsets stay within what a JSON number holds exactly. */
export const MAX_OFFSET = Number.MAX_SAFE_INTEGER;

const nonNegative = (what: string) => {
  const error = `${what} must be an integer from 0 to ${MAX_OFFSET}`;
  return z.int({ error }).check(z.gte(0, { error }), z.lte(MAX_OFFSET, { error }));
};

/** A partition number; whether the stream has it is checked against the stream (400 `partition_out_of_range`). */
export const partitionNumber = nonNegative('a partition');

export const offsetNumber = nonNegative('an offset');

/** A query-string offset: digits only, so "", "-1", "1e3" and "0x10" are rejected. */
export const queryOffset = z.pipe(
  z.string().check(z.regex(/^\d{1,16}$/, { error: `an offset must be an integer from 0 to ${MAX_OFFSET}` })),
  z.pipe(z.transform(Number), offsetNumber),
);

const timestampError = 'must be an ISO 8601 date-time with a time zone, or epoch milliseconds';
const isoTimestamp = z.pipe(z.iso.datetime({ offset: true, error: timestampError }), z.transform((text) => Date.parse(text)));

/** A point in time as epoch ms, from a query string: ISO 8601 or epoch-millisecond digits. */
export const queryTimestamp = z.union(
  [z.pipe(z.string().check(z.regex(/^\d{1,15}$/)), z.transform(Number)), isoTimestamp],
  { error: timestampError },
);

/** A point in time as epoch ms, from a JSON body: an ISO 8601 string or a number of epoch milliseconds. */
export const bodyTimestamp = z.union([nonNegative('a timestamp in epoch milliseconds'), isoTimestamp], { error: timestampError });

/** Partition and offset pairs, each partition at most once. */
export const partitionOffsetsSchema = z
  .array(z.strictObject({ partition: partitionNumber, offset: offsetNumber }))
  .check(
    z.minLength(1, { error: 'give 1 to 1024 partition offsets' }),
    z.maxLength(1024, { error: 'give 1 to 1024 partition offsets' }),
    z.refine((entries) => new Set(entries.map((entry) => entry.partition)).size === entries.length, {
      error: 'each partition may appear once',
    }),
  );

/** The `{partition}` path parameter. */
export const partitionParameter = z.pipe(
  z.string().check(z.regex(/^\d{1,10}$/, { error: 'a partition must be an integer from 0' })),
  z.pipe(z.transform(Number), partitionNumber),
);
