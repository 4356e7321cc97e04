import { partitionForKey } from '../partitioning/key-partition.ts';
import type { ReadRecord } from '../streams/read-slice.ts';
import { isoTime } from '../streams/record-view.ts';
import { logRecord, type RecordedEvent } from './event-codec.ts';
import type { StoreIdentity } from './keys.ts';
import type { StreamIdentity } from '../streams/log-keys.ts';

/**
 * A projection's rebuild, kept beside its log consumer group's offsets. Each rebuild starts a new
 * generation of the read model: the replay and, once it is done, the live deliveries carry it,
 * and postroomProjection treats an item of an older generation as absent, so the rebuilt model
 * is the fold of every event, none applied twice. Generation 0 is a projection never rebuilt.
 */
export interface RebuildJob {
  readonly generation: number;
  readonly state: 'running' | 'done';
  /** Epoch ms. */
  readonly requestedAt: number;
  readonly finishedAt?: number;
  /** The store (its incarnation) whose event streams are replayed. */
  readonly store: StoreIdentity;
  /** The log's high watermarks when the rebuild was asked for: the group's offsets once it is done. */
  readonly resumeAt: readonly number[];
  /** Where the replay of the store's streams goes on (the Scan's exclusive start key); absent at the start. */
  readonly cursor?: Record<string, unknown>;
  /** Event streams and events replayed so far. */
  readonly streams: number;
  readonly events: number;
}

/** Sort key of a group's rebuild job in its stream's groups partition: ':' is in no group name, so no offset item starts so. */
export const rebuildSortKey = (group: string): string => `rebuild:${group}`;

/**
 * Partition key of a log's rebuild requests in the records table: three parts like a partition's,
 * but not a number, so no segment reader takes it for one. A request is a new item (an INSERT on
 * the table's stream) that the group's dispatcher receives among its stream records.
 */
export const rebuildRequestKey = (log: StreamIdentity): string => `${log.name}#${log.incarnation}#rebuild`;

/** The attribute naming the group a rebuild request is for: the dispatchers of other groups pass it by. */
export const REBUILD_REQUEST_ATTRIBUTE = 'rebuildOf';

/** The job as the API shows it, in a projection's description. */
export const rebuildView = (job: RebuildJob) => ({
  generation: job.generation,
  state: job.state,
  requestedAt: isoTime(job.requestedAt),
  finishedAt: job.finishedAt === undefined ? null : isoTime(job.finishedAt),
  streams: job.streams,
  events: job.events,
});

/**
 * An event stream's events as the records the log holds of them (key, value and the log partition
 * they are in), numbered from `firstSequence` on: a replayed event has no log offset of its own, and
 * the number is what the consumer names a failed record by.
 */
export function replayRecords(streamId: string, events: readonly RecordedEvent[], partitions: number, firstSequence: number): { partition: number; records: ReadRecord[] } {
  return {
    partition: partitionForKey(streamId, partitions),
    records: events.map((event, index) => ({ ...logRecord(streamId, event), offset: firstSequence + index, timestamp: event.recordedAt })),
  };
}
