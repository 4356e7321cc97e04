import { describe, expect, it } from 'vitest';
import { partitionForKey } from '../../../functions/core/partitioning/key-partition.ts';
import { PartitionAssigner } from '../../../functions/core/streams/partition-assignment.ts';
import type { IncomingRecord } from '../../../functions/core/streams/produce-request.ts';

const record = (key: string | null, partition?: number): IncomingRecord => ({ record: { key, value: 1, headers: {} }, partition });

/** A "random" source that returns the given values in turn. */
const draws = (...values: number[]) => () => values.shift() ?? Number.NaN;

describe('Class: PartitionAssigner', () => {
  it('lets an explicit partition win, and hashes keys as Kafka does', () => {
    const assigner = new PartitionAssigner(draws(0));

    expect(assigner.assign('s', [record('foobar', 3), record('foobar'), record('')], 10)).toEqual([3, partitionForKey('foobar', 10), partitionForKey('', 10)]);
  });

  it('puts all keyless records of a request on one partition, another one for the next request of the same stream', () => {
    const assigner = new PartitionAssigner(draws(0.5, 0));

    const first = assigner.assign('s', [record(null), record('k'), record(null)], 4);
    const second = assigner.assign('s', [record(null)], 4);

    expect([first[0], first[2]]).toEqual([2, 2]);
    expect(second).toEqual([3]);
  });

  it('draws no sticky partition for a request without keyless records', () => {
    const random = draws(0.25);
    const assigner = new PartitionAssigner(random);

    assigner.assign('s', [record('k'), record(null, 0)], 4);

    expect(assigner.assign('s', [record(null)], 4)).toEqual([1]);
  });
});
