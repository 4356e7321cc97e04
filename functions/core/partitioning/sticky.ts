import { assertPartitionCount } from './partition-count.ts';

/**
 * The partition for the next batch of keyless records (here: one publish request), as Kafka's
 * sticky partitioner (KIP-480) picks it: the whole batch sticks to one partition, and each new batch
 * moves to another one chosen uniformly at random, so batches stay whole while load spreads.
 * `previous` is the last batch's partition, if any; `random` returns a number in [0, 1) like
 * `Math.random` (inject a seeded one to make tests repeatable).
 */
export function nextStickyPartition(partitions: number, previous: number | undefined, random: () => number): number {
  assertPartitionCount(partitions);
  if (previous === undefined || partitions === 1) return Math.floor(random() * partitions);
  // One draw over the other partitions: what Kafka's draw-until-different loop ends with.
  return (previous + 1 + Math.floor(random() * (partitions - 1))) % partitions;
}
