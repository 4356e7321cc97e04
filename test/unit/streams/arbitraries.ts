import { zstdCompressSync } from 'node:zlib';
import fc from 'fast-check';
import type { StreamRecord } from '../../../functions/core/streams/record-codec.ts';
import type { StoredSegment } from '../../../functions/core/streams/read-slice.ts';
import { joinRecords, packRecord } from '../../../functions/core/streams/record-codec.ts';

/** JSON values as JSON.parse gives them back (no -0, no undefined). */
const jsonValue = fc.jsonValue().map((value) => JSON.parse(JSON.stringify(value)) as unknown);

export const streamRecord: fc.Arbitrary<StreamRecord> = fc.record({
  key: fc.option(fc.string(), { nil: null }),
  value: jsonValue,
  headers: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((name) => name !== '__proto__'), fc.oneof(fc.string(), fc.integer(), fc.boolean()), { maxKeys: 3 }),
});

/**
 * A partition's stored log: consecutive segments from `base`, each with 1..6 small records and a
 * timestamp no earlier than the previous one's, stored compressed or as text (as segments written
 * before compression are).
 */
export const storedLog = fc
  .record({
    base: fc.nat({ max: 1000 }),
    start: fc.nat({ max: 1_000_000 }),
    segments: fc.array(fc.record({ values: fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 6 }), gap: fc.nat({ max: 3 }), compressed: fc.boolean() }), { minLength: 1, maxLength: 8 }),
  })
  .map(({ base, start, segments }) => {
    let next = base;
    let timestamp = start;
    return segments.map(({ values, gap, compressed }): StoredSegment => {
      timestamp += gap;
      const joined = joinRecords(values.map((value) => packRecord({ key: null, value, headers: {} })));
      // Compressed whatever the gain: records this small would be stored as text.
      const records = compressed ? { codec: 'zstd' as const, bytes: zstdCompressSync(joined) } : joined;
      const segment = { base: next, count: values.length, timestamp, records };
      next += values.length;
      return segment;
    });
  });
