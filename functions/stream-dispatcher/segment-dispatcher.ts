import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsumerDeadLetters } from '../adapters/consumer-dead-letters.ts';
import type { ConsumerInvoker } from '../adapters/consumer-invoker.ts';
import type { GroupOffsets } from '../adapters/group-offsets.ts';
import type { ProjectionRebuilds } from '../adapters/projection-rebuilds.ts';
import type { SegmentImage } from '../adapters/segment-images.ts';
import { backoffDelaySeconds } from '../core/backoff.ts';
import type { RebuildJob } from '../core/event-store/projection-rebuild.ts';
import { partitionKey, type StreamIdentity } from '../core/streams/log-keys.ts';
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
  /**
   * A Projection's dispatcher: deliveries carry the read model's generation, a running rebuild is
   * finished (`replay`) before anything else is delivered, and offsets are committed only while
   * the rebuild they were read with is still the latest.
   */
  readonly rebuilds?: {
    readonly jobs: ProjectionRebuilds;
    /** @returns false when time ran out (see ProjectionReplay.run) */
    readonly replay: (log: StreamIdentity, generation: number) => Promise<boolean>;
  };
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
  /** A projection's latest rebuild per stream incarnation, read with the offsets. */
  readonly #rebuilds = new Map<string, RebuildJob | undefined>();

  constructor(options: SegmentDispatcherOptions) {
    this.#options = options;
  }

  /** @returns false when time ran out; the segment's remaining records (or the rebuild before them) are still due */
  async dispatch({ stream, partition, segment }: SegmentImage): Promise<boolean> {
    const { group, offsets, invoker, deadLetters, metrics, rebuilds } = this.#options;
    const key = partitionKey(stream, partition);
    if (!this.#loaded.has(stream.incarnation)) {
      const [committed, rebuild] = await Promise.all([offsets.committed(stream, group), rebuilds?.jobs.find(stream, group)]);
      for (const [number, offset] of committed) this.#committed.set(partitionKey(stream, number), offset);
      this.#rebuilds.set(stream.incarnation, rebuild);
      this.#loaded.add(stream.incarnation);
    }
    const rebuild = this.#rebuilds.get(stream.incarnation);
    if (rebuilds !== undefined && rebuild?.state === 'running') {
      // Run here, not only where its request arrives: a segment ahead of the request in the same
      // shard would wait for it for ever. Runs that meet replay the same prefixes of each stream.
      if (!(await rebuilds.replay(stream, rebuild.generation))) return false;
      this.#loaded.delete(stream.incarnation);
      return this.dispatch({ stream, partition, segment });
    }
    const from = Math.max(segment.base, this.#committed.get(key) ?? 0);
    const { records } = sliceRecords([segment], from, Number.MAX_SAFE_INTEGER, Number.POSITIVE_INFINITY);
    const origin = { stream: stream.name, incarnation: stream.incarnation, group, partition, ...(rebuilds !== undefined && { generation: rebuild?.generation ?? 0 }) };
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
        const offset = [{ partition, offset: nextOffset }];
        if (rebuilds === undefined) await offsets.commit(stream, group, offset, new Date());
        else if (!(await offsets.commitGuarded(stream, group, offset, new Date(), rebuilds.jobs.guard(stream, group, rebuild)))) {
          throw new Error(`group ${group} was rebuilt meanwhile: its deliveries go on from the rebuild's offsets, in its generation`);
        }
        this.#committed.set(key, nextOffset);
      },
      pause: this.#options.pause ?? ((attempts) => sleep(backoffDelaySeconds(attempts) * 1000)),
      outOfTime: this.#options.outOfTime,
    });
  }
}
