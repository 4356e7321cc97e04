import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstAcceptedOffset, type SegmentBounds, type SegmentProbes } from '../../../functions/core/streams/offset-search.ts';

/** A partition from offset 0 whose first `gone` segments were deleted by TTL (all expired). */
const partition = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 30 }),
    gaps: fc.array(fc.nat({ max: 3 }), { minLength: 30, maxLength: 30 }),
    goneShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ sizes, gaps, goneShare }) => {
    let base = 0;
    let timestamp = 0;
    const segments = sizes.map((size, index): SegmentBounds => {
      timestamp += gaps[index]!;
      const segment = { base, end: base + size, timestamp };
      base += size;
      return segment;
    });
    return { segments, gone: Math.floor(goneShare * segments.length), end: base };
  });

/** Probes over the stored segments, counting how many times the log is read. */
function probesOf(stored: readonly SegmentBounds[]): SegmentProbes & { calls: number } {
  const probes = {
    calls: 0,
    firstFrom: async (offset: number) => {
      probes.calls++;
      return stored.find((segment) => segment.base >= offset);
    },
    holding: async (offset: number) => {
      probes.calls++;
      return stored.findLast((segment) => segment.base <= offset);
    },
  };
  return probes;
}

describe('Function: firstAcceptedOffset', () => {
  it('finds the first offset whose segment is retained and appended at or after a time, as a scan would', async () => {
    await fc.assert(
      fc.asyncProperty(partition, fc.nat({ max: 100 }), fc.nat({ max: 100 }), async ({ segments, gone, end }, cutoffPick, since) => {
        // Everything gone is expired; the cutoff may expire more that is still stored.
        const cutoff = Math.max(gone > 0 ? segments[gone - 1]!.timestamp + 1 : 0, cutoffPick % (segments.at(-1)!.timestamp + 2));
        const accepts = (segment: SegmentBounds) => segment.timestamp >= cutoff && segment.timestamp >= since;
        const scan = segments.slice(gone).find(accepts)?.base ?? end;

        expect(await firstAcceptedOffset(0, end, probesOf(segments.slice(gone)), accepts)).toBe(scan);
      }),
    );
  });

  it('reads the log once when the first stored segment is accepted, and about log2(offsets) times otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(partition, fc.nat({ max: 100 }), async ({ segments, end }, since) => {
        const probes = probesOf(segments);

        await firstAcceptedOffset(0, end, probes, (segment) => segment.timestamp >= since);

        if (segments[0]!.timestamp >= since) expect(probes.calls).toBe(1);
        else expect(probes.calls).toBeLessThanOrEqual(2 + Math.ceil(Math.log2(end + 1)));
      }),
    );
  });

  it('answers `to` when nothing is stored or the range is empty, without reading', async () => {
    const probes = probesOf([]);

    expect(await firstAcceptedOffset(7, 7, probes, () => true)).toBe(7);
    expect(probes.calls).toBe(0);
    expect(await firstAcceptedOffset(0, 7, probes, () => true)).toBe(7);
  });
});
