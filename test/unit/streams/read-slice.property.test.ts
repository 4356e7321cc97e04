import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { provenEnd, sliceRecords, type StoredSegment } from '../../../functions/core/streams/read-slice.ts';
import { unpackRecords } from '../../../functions/core/streams/record-codec.ts';
import { decompressRecords } from '../../../functions/core/streams/segment-compression.ts';
import { storedLog } from './arbitraries.ts';

/** The model: every record of the log with its offset, size and timestamp. */
const flatten = (segments: readonly StoredSegment[]) =>
  segments.flatMap((segment) => unpackRecords(decompressRecords(segment.records)).map((record, index) => ({ offset: segment.base + index, value: record.value, bytes: record.bytes, timestamp: segment.timestamp })));

/** The segments a reader fetches for a read at `from`: the one holding it and all after. */
const chainFrom = (segments: readonly StoredSegment[], from: number) => segments.filter((segment) => segment.base + segment.count > from);

const endOf = (segments: readonly StoredSegment[]) => segments.at(-1)!.base + segments.at(-1)!.count;

const readCase = storedLog.chain((segments) =>
  fc.record({
    segments: fc.constant(segments),
    from: fc.integer({ min: segments[0]!.base, max: endOf(segments) - 1 }),
    limit: fc.integer({ min: 1, max: 12 }),
    maxBytes: fc.integer({ min: 1, max: 120 }),
  }),
);

describe('Function: sliceRecords', () => {
  it('returns the records right from the offset: consecutive, at least one, within limit, and within maxBytes unless only one', () => {
    fc.assert(
      fc.property(readCase, ({ segments, from, limit, maxBytes }) => {
        const model = flatten(segments).filter((record) => record.offset >= from);

        const { records, nextOffset } = sliceRecords(chainFrom(segments, from), from, limit, maxBytes);

        expect(records.length).toBeGreaterThan(0);
        expect(records.length).toBeLessThanOrEqual(limit);
        expect(records.map(({ offset, value, timestamp }) => ({ offset, value, timestamp }))).toEqual(model.slice(0, records.length).map(({ offset, value, timestamp }) => ({ offset, value, timestamp })));
        expect(nextOffset).toBe(from + records.length);
        const bytes = model.slice(0, records.length).reduce((sum, record) => sum + record.bytes, 0);
        if (records.length > 1) expect(bytes).toBeLessThanOrEqual(maxBytes);
      }),
    );
  });

  it('ends a read past its first segment only where a segment ends', () => {
    fc.assert(
      fc.property(readCase, ({ segments, from, limit, maxBytes }) => {
        const chain = chainFrom(segments, from);

        const { nextOffset } = sliceRecords(chain, from, limit, maxBytes);

        const first = chain[0]!;
        if (nextOffset > first.base + first.count) expect(chain.some((segment) => segment.base + segment.count === nextOffset)).toBe(true);
      }),
    );
  });

  it('reads exactly the suffix of the log when reading on from each next offset, from any offset', () => {
    fc.assert(
      fc.property(readCase, ({ segments, from, limit, maxBytes }) => {
        const end = endOf(segments);
        const read: number[] = [];
        for (let offset = from; offset < end; ) {
          const slice = sliceRecords(chainFrom(segments, offset), offset, limit, maxBytes);
          read.push(...slice.records.map((record) => record.offset));
          offset = slice.nextOffset;
        }

        expect(read).toEqual(Array.from({ length: end - from }, (_, index) => from + index));
      }),
    );
  });
});

describe('Function: provenEnd', () => {
  const segment = (base: number, count: number): StoredSegment => ({ base, count, timestamp: 0, records: '[]' });

  it('proves the end when the last segment read ends within the range asked for', () => {
    expect(provenEnd([segment(0, 3), segment(3, 2)], 9)).toBe(5);
    expect(provenEnd([segment(0, 3)], 3)).toBe(3);
  });

  it('cannot tell when the last segment reaches past the range, or nothing was read', () => {
    expect(provenEnd([segment(0, 3), segment(3, 2)], 4)).toBeUndefined();
    expect(provenEnd([], 10)).toBeUndefined();
  });
});
