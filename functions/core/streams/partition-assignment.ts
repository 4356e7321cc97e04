import { partitionForKey } from '../partitioning/key-partition.ts';
import { nextStickyPartition } from '../partitioning/sticky.ts';
import type { IncomingRecord } from './produce-request.ts';

/**
 * Assigns partitions as Kafka's default partitioner does: the producer's explicit partition wins,
 * a keyed record goes to `partitionForKey(key)`, and all keyless records of a request share the
 * stream's sticky partition, which moves on with each request that has keyless records. The
 * sticky state lives as long as the warm container.
 */
export class PartitionAssigner {
  readonly #previous = new Map<string, number>();
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  /** Explicit partitions must be below `partitions` (checked by the caller). */
  assign(stream: string, records: readonly IncomingRecord[], partitions: number): number[] {
    let sticky: number | undefined;
    return records.map(({ record, partition }) => {
      if (partition !== undefined) return partition;
      if (record.key !== null) return partitionForKey(record.key, partitions);
      if (sticky === undefined) {
        sticky = nextStickyPartition(partitions, this.#previous.get(stream), this.#random);
        this.#previous.set(stream, sticky);
      }
      return sticky;
    });
  }
}
