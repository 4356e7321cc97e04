import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinedBytes, packRecord } from '../../../functions/core/streams/record-codec.ts';
import { planSegments } from '../../../functions/core/streams/segments.ts';

const packedRecords = fc.array(fc.string({ maxLength: 60 }).map((value) => packRecord({ key: null, value, headers: {} })), { maxLength: 40 });

describe('Function: planSegments', () => {
  it('keeps the records in order over segments with consecutive offsets from the base', () => {
    fc.assert(
      fc.property(packedRecords, fc.nat({ max: 1e9 }), fc.integer({ min: 80, max: 400 }), (records, base, capacity) => {
        const segments = planSegments(records, base, capacity);

        expect(segments.flatMap((segment) => segment.records)).toEqual(records);
        let next = base;
        for (const segment of segments) {
          expect(segment.base).toBe(next);
          expect(segment.records.length).toBeGreaterThan(0);
          next += segment.records.length;
        }
      }),
    );
  });

  it('fills every segment within capacity, and only starts a new one when the next record would not fit', () => {
    fc.assert(
      fc.property(packedRecords, fc.integer({ min: 80, max: 400 }), (records, capacity) => {
        const segments = planSegments(records, 0, capacity);

        segments.forEach((segment, index) => {
          expect(joinedBytes(segment.records)).toBeLessThanOrEqual(capacity);
          const next = segments[index + 1];
          if (next) expect(joinedBytes([...segment.records, next.records[0]!])).toBeGreaterThan(capacity);
        });
      }),
    );
  });

  it('refuses a record that cannot fit a segment on its own', () => {
    expect(() => planSegments([packRecord({ key: null, value: 'x'.repeat(100), headers: {} })], 0, 100)).toThrow(RangeError);
  });
});
