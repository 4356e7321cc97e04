import type { AppendRequest } from '../core/event-store/append-request.ts';
import { meetsExpectation, positionOf } from '../core/event-store/expected-version.ts';
import { judgeRepeat, logRecord, type RecordedEvent, type RepeatVerdict } from '../core/event-store/event-codec.ts';
import { RECENT_COMMITS_CHECKED } from '../core/event-store/limits.ts';
import { partitionForKey } from '../core/partitioning/key-partition.ts';
import { AppendContendedError, EventIdConflictError, WrongExpectedVersionError } from '../core/problems/index.ts';
import { packRecord } from '../core/streams/record-codec.ts';
import type { EventStreams, StreamHead } from './event-streams.ts';
import type { StoreDeclaration } from './event-store-registry.ts';
import { CompanionRejectedError, type PartitionAppender } from './partition-appender.ts';
import type { StreamDeclaration } from './stream-registry.ts';

export interface AppendResult {
  readonly firstVersion: number;
  readonly lastVersion: number;
}

/** Answers a repeat with the original result, a conflict with a 409; undefined: the ids are new. */
function answerRepeat(verdict: RepeatVerdict, streamId: string): AppendResult | undefined {
  if (verdict.kind === 'conflict') throw new EventIdConflictError(streamId, verdict.eventId, verdict.version);
  return verdict.kind === 'repeat' ? { firstVersion: verdict.firstVersion, lastVersion: verdict.lastVersion } : undefined;
}

/**
 * Appends events to an event stream and its store's log in one DynamoDB transaction: the stream's
 * head moves from the version this append built on (the optimistic lock), its commit is put, and
 * the log partition of its stream id gets the events as records, through the same partition
 * appender as any stream produce. So an event is in the log exactly when it is in its stream,
 * once, and a stream's events are in the log in version order (each append lands after the
 * previous one on the same partition): there is no relay to crash, and no lag.
 */
export class EventAppender {
  readonly #streams: EventStreams;
  readonly #appender: PartitionAppender;
  readonly #now: () => number;

  constructor(streams: EventStreams, appender: PartitionAppender, now: () => number) {
    this.#streams = streams;
    this.#appender = appender;
    this.#now = now;
  }

  /**
   * `packedEvents` is the request's events as the commit stores them (see packEvents). Decides on
   * a fresh read of the head, and again whenever another append to the stream wins the race.
   */
  async append(store: StoreDeclaration, log: StreamDeclaration, streamId: string, request: AppendRequest, packedEvents: string, deadline: number): Promise<AppendResult> {
    const { expectedVersion, events } = request;
    const partition = partitionForKey(streamId, store.settings.partitions);
    const idsGiven = events.some((event) => event.idGiven);
    for (let attempt = 1; ; attempt++) {
      const head = await this.#streams.head(store, streamId);
      const current = head?.version ?? null;
      const repeated = idsGiven && (await this.#repeatOf(store, streamId, request, head));
      if (repeated) return repeated;
      if (!meetsExpectation(expectedVersion, current)) throw new WrongExpectedVersionError(streamId, expectedVersion, current);

      const firstVersion = (current ?? -1) + 1;
      // Never before the stream's previous append, so that a stream's times only grow (asOf reads rely on it).
      const recordedAt = Math.max(this.#now(), head?.recordedAt ?? 0);
      const recorded: RecordedEvent[] = events.map((event, index) => ({ ...event, version: firstVersion + index, recordedAt }));
      const records = recorded.map((event) => packRecord(logRecord(streamId, event)));
      const commit = this.#streams.commitWrites(store, streamId, head, firstVersion, events.length, packedEvents, recordedAt);
      try {
        await this.#appender.append(log, partition, records, deadline, undefined, commit);
        return { firstVersion, lastVersion: firstVersion + events.length - 1 };
      } catch (error) {
        if (!(error instanceof CompanionRejectedError)) throw error;
        // Another append to this stream got in first: decide again on the head it left.
        if (this.#now() >= deadline) throw new AppendContendedError(log.name, partition, attempt);
      }
    }
  }

  /**
   * The original result if the request repeats an append (KurrentDB's idempotent append): with a
   * version or `no_stream`, its events would sit right after that position; with `any` or
   * `exists`, among the stream's latest appends. A client's event id found any other way is a 409.
   */
  async #repeatOf(store: StoreDeclaration, streamId: string, request: AppendRequest, head: StreamHead | undefined): Promise<AppendResult | undefined> {
    if (head === undefined) return undefined;
    const position = positionOf(request.expectedVersion);
    if (position === undefined) return answerRepeat(judgeRepeat(request.events, await this.#streams.recent(store, streamId, RECENT_COMMITS_CHECKED)), streamId);
    if (head.version <= position) return undefined;
    const { events } = await this.#streams.forward(store, streamId, position + 1, request.events.length);
    return answerRepeat(judgeRepeat(request.events, events), streamId);
  }
}
