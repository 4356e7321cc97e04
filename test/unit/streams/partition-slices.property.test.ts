import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placements, slicesByPartition } from '../../../functions/core/streams/partition-slices.ts';

describe('Functions: slicesByPartition and placements', () => {
  it('places each record at its slice\'s base plus its position among the partition\'s records, in request order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 30 }), fc.array(fc.nat({ max: 1000 }), { minLength: 5, maxLength: 5 }), (partitions, bases) => {
        const slices = slicesByPartition(partitions);

        const placed = placements(slices, slices.map((slice) => ({ baseOffset: bases[slice.partition]!, timestamp: slice.partition })));

        expect(placed.map((placement) => placement.partition)).toEqual(partitions);
        partitions.forEach((partition, index) => {
          const position = partitions.slice(0, index).filter((other) => other === partition).length;
          expect(placed[index]).toEqual({ partition, offset: bases[partition]! + position, timestamp: partition });
        });
      }),
    );
  });
});
