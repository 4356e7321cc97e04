import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsumerDeadLetters } from '../adapters/consumer-dead-letters.ts';
import type { ConsumerInvoker } from '../adapters/consumer-invoker.ts';
import type { GroupOffsets } from '../adapters/group-offsets.ts';
import type { SegmentImage } from '../adapters/segment-images.ts';
import { backoffDelaySeconds } from '../core/backoff.ts';
import { partitionKey } from '../core/streams/log-keys.ts';
import { pushRecords, type PushDeliverySettings } from '../core/streams/push-delivery.ts';
import { sliceRecords } from '../core/streams/read-slice.ts';
import type { DeliveryMetrics } from './delivery-metrics.ts';

export interface SegmentDispatcherOptions extends PushDeliverySettings {
  readonly group: string;
  readonly offsets: GroupOffsets;
  readonly invoker: ConsumerInvoker;
  readonly deadLetters: ConsumerDeadLetters;
  /** True when there is no time left for another delivery. */
  readonly outOfTime: () => boolean;
  readonly pause?: (attempts: number) => Promise<void>;
  /** Where deliveries and dead letters are counted; none without the broker's name. */
  readonly metrics?: DeliveryMetrics | undefined;
}

/**
 * Pushes new segments to the group's consumer function, one dispatcher per batch of stream
 * records. Records below the group's committed offset were delivered already (a stream record
 * seen again after a retry, or a group reset forward) and are skipped.
 */
export class SegmentDispatcher {
  readonly #options: SegmentDispatcherOptions;
  /** Committed offsets by partition key, read once per stream incarnation and kept up to date. */
  readonly #committed = new Map<string, number>();
  readonly #loaded = new Set<string>();

  constructor(options: SegmentDispatcherOptions) {
    this.#options = options;
  }

  /** @returns false when time ran out; the segment's remaining records are still due */
  async dispatch({ stream, partition, segment }: SegmentImage): Promise<boolean> {
    const { group, offsets, invoker, deadLetters, metrics } = this.#options;
    const key = partitionKey(stream, partition);
    if (!this.#loaded.has(stream.incarnation)) {
      for (const [number, offset] of await offsets.committed(stream, group)) this.#committed.set(partitionKey(stream, number), offset);
      this.#loaded.add(stream.incarnation);
    }
    const from = Math.max(segment.base, this.#committed.get(key) ?? 0);
    const { records } = sliceRecords([segment], from, Number.MAX_SAFE_INTEGER, Number.POSITIVE_INFINITY);
    const origin = { stream: stream.name, incarnation: stream.incarnation, group, partition };
    return pushRecords(records, this.#options, {
      deliver: async (batch) => {
        const result = await invoker.deliver(origin, batch);
        metrics?.delivered(batch, result, Date.now());
        return result;
      },
      deadLetter: async (record, attempts, error) => {
        await deadLetters.send(origin, record, attempts, error, new Date());
        metrics?.deadLettered();
      },
      commit: async (nextOffset) => {
        await offsets.commit(stream, group, [{ partition, offset: nextOffset }], new Date());
        this.#committed.set(key, nextOffset);
      },
      pause: this.#options.pause ?? ((attempts) => sleep(backoffDelaySeconds(attempts) * 1000)),
      outOfTime: this.#options.outOfTime,
    });
  }
}
