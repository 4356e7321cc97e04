import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignRanges } from '../../../functions/core/streams/range-assignor.ts';

const memberIds = fc.uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,8}$/), { minLength: 1, maxLength: 12 });
const partitionCounts = fc.integer({ min: 1, max: 64 });

describe('Function: assignRanges', () => {
  it('assigns like Kafka\'s RangeAssignor: contiguous ranges by member id, the first ones taking the remainder', () => {
    expect(Object.fromEntries(assignRanges(['c', 'a', 'b'], 7))).toEqual({ a: [0, 1, 2], b: [3, 4], c: [5, 6] });
    expect(Object.fromEntries(assignRanges(['a', 'b', 'c'], 2))).toEqual({ a: [0], b: [1], c: [] });
  });

  it('assigns each partition to exactly one member', () => {
    fc.assert(
      fc.property(memberIds, partitionCounts, (members, partitions) => {
        const assigned = [...assignRanges(members, partitions).values()].flat().sort((a, b) => a - b);

        expect(assigned).toEqual(Array.from({ length: partitions }, (_, partition) => partition));
      }),
    );
  });

  it('gives every member a share, and shares differ by at most one', () => {
    fc.assert(
      fc.property(memberIds, partitionCounts, (members, partitions) => {
        const assignment = assignRanges(members, partitions);
        const sizes = [...assignment.values()].map((owned) => owned.length);

        expect([...assignment.keys()].sort()).toEqual([...members].sort());
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('is deterministic: the same members in any order give the same assignment', () => {
    fc.assert(
      fc.property(memberIds.chain((members) => fc.tuple(fc.constant(members), fc.shuffledSubarray(members, { minLength: members.length }))), partitionCounts, ([members, shuffled], partitions) => {
        expect(Object.fromEntries(assignRanges(shuffled, partitions))).toEqual(Object.fromEntries(assignRanges(members, partitions)));
      }),
    );
  });
});
