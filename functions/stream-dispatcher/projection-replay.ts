import type { ConsumerDeadLetters } from '../adapters/consumer-dead-letters.ts';
import type { ConsumerInvoker } from '../adapters/consumer-invoker.ts';
import type { EventStreams } from '../adapters/event-streams.ts';
import type { GroupOffsets } from '../adapters/group-offsets.ts';
import type { ProjectionRebuilds } from '../adapters/projection-rebuilds.ts';
import type { RecordedEvent } from '../core/event-store/event-codec.ts';
import type { StoreIdentity } from '../core/event-store/keys.ts';
import { replayRecords } from '../core/event-store/projection-rebuild.ts';
import { pushRecords, type PushDeliverySettings } from '../core/streams/push-delivery.ts';
import type { ReadRecord } from '../core/streams/read-slice.ts';
import type { StreamIdentity } from '../core/streams/log-keys.ts';

/** Events read from a stream per Query while it is replayed. */
const READ_PAGE = 1_000;

export interface ProjectionReplayOptions extends PushDeliverySettings {
  readonly group: string;
  readonly rebuilds: ProjectionRebuilds;
  readonly eventStreams: EventStreams;
  readonly offsets: GroupOffsets;
  readonly invoker: ConsumerInvoker;
  readonly deadLetters: ConsumerDeadLetters;
  readonly outOfTime: () => boolean;
  readonly pause: (attempts: number) => Promise<void>;
  readonly now?: () => number;
}

/**
 * Runs a projection's rebuild in its dispatcher: every event stream of the store, each from its
 * first event in version order, is pushed to the projection function with the rebuild's generation
 * through the same delivery as the log's records (batches, retries, dead letters). The store's
 * table keeps every event, so the replay does not depend on what the log still holds. Then the
 * group's offsets are set to the log's high watermarks read when the rebuild was asked for, and
 * the job is done: live deliveries (paused meanwhile) go on from there in the new generation. An
 * event appended during the replay may come twice, from the scan and from the log; the projection
 * skips what its item has applied, and a stream's events come in version order either way.
 */
export class ProjectionReplay {
  readonly #options: ProjectionReplayOptions;

  constructor(options: ProjectionReplayOptions) {
    this.#options = options;
  }

  /** @returns false when time ran out; the replay goes on from its last recorded page when asked again */
  async run(log: StreamIdentity, generation: number): Promise<boolean> {
    const { group, rebuilds, offsets } = this.#options;
    const job = await rebuilds.find(log, group);
    // A request seen again after its rebuild finished, or superseded: nothing to do.
    if (job === undefined || job.generation !== generation || job.state !== 'running') return true;
    let { cursor, streams, events } = job;
    let sequence = events;
    do {
      const page = await this.#options.eventStreams.streamIds(job.store, cursor);
      const byPartition = new Map<number, ReadRecord[]>();
      for (const streamId of page.streamIds) {
        const recorded = await this.#readAll(job.store, streamId);
        const { partition, records } = replayRecords(streamId, recorded, job.resumeAt.length, sequence);
        byPartition.set(partition, [...(byPartition.get(partition) ?? []), ...records]);
        sequence += records.length;
        streams += 1;
        events += records.length;
      }
      for (const [partition, records] of byPartition) {
        if (!(await this.#push(log, generation, partition, records))) return false;
      }
      cursor = page.cursor;
      await rebuilds.progress(log, group, generation, cursor, { streams, events });
    } while (cursor !== undefined);
    await offsets.commit(log, group, job.resumeAt.map((offset, partition) => ({ partition, offset })), new Date());
    await rebuilds.finish(log, group, generation, (this.#options.now ?? Date.now)());
    return true;
  }

  async #readAll(store: StoreIdentity, streamId: string): Promise<RecordedEvent[]> {
    const recorded: RecordedEvent[] = [];
    for (let more = true; more; ) {
      const page = await this.#options.eventStreams.forward(store, streamId, recorded.length, READ_PAGE);
      recorded.push(...page.events);
      more = page.more;
    }
    return recorded;
  }

  #push(log: StreamIdentity, generation: number, partition: number, records: readonly ReadRecord[]): Promise<boolean> {
    const { group, invoker, deadLetters } = this.#options;
    const origin = { stream: log.name, incarnation: log.incarnation, group, partition, generation };
    return pushRecords(records, this.#options, {
      deliver: (batch) => invoker.deliver(origin, batch),
      deadLetter: (record, attempts, error) => deadLetters.send(origin, record, attempts, error, new Date()),
      // Progress is recorded per page of streams: a page cut short is replayed again, its applied events skipped.
      commit: async () => undefined,
      pause: this.#options.pause,
      outOfTime: this.#options.outOfTime,
    });
  }
}
