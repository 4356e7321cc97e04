import { isDeepStrictEqual } from 'node:util';
import { isoTime } from '../streams/record-view.ts';
import type { StreamRecord } from '../streams/record-codec.ts';
import type { ProposedEvent } from './append-request.ts';

/** An event as the store keeps it: its place in its stream and the time its append was recorded. */
export interface RecordedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly version: number;
  /** Epoch ms; one per append, never decreasing along a stream. */
  readonly recordedAt: number;
}

/** One append's events as stored: versions first .. first + events.length - 1, all recorded at once. */
export interface Commit {
  readonly firstVersion: number;
  readonly recordedAt: number;
  /** The events packed as JSON (see packEvents). */
  readonly events: string;
}

type PackedEvent = [eventId: string, type: string, schemaVersion: number, data: unknown, metadata?: Record<string, unknown>];

/** An append's events as one JSON array of tuples, metadata only when there is some: little framing per event. */
export function packEvents(events: readonly ProposedEvent[]): { json: string; bytes: number } {
  const tuples = events.map(({ eventId, type, schemaVersion, data, metadata }): PackedEvent =>
    Object.keys(metadata).length > 0 ? [eventId, type, schemaVersion, data, { ...metadata }] : [eventId, type, schemaVersion, data],
  );
  const json = JSON.stringify(tuples);
  return { json, bytes: Buffer.byteLength(json) };
}

export function unpackCommit(commit: Commit): RecordedEvent[] {
  return (JSON.parse(commit.events) as PackedEvent[]).map(([eventId, type, schemaVersion, data, metadata = {}], index) => ({
    eventId,
    type,
    schemaVersion,
    data,
    metadata,
    version: commit.firstVersion + index,
    recordedAt: commit.recordedAt,
  }));
}

/**
 * The record an event is in its store's log: keyed by its stream id (so a stream's events share a
 * partition), the value the event with its place and time.
 */
export function logRecord(streamId: string, event: RecordedEvent): StreamRecord {
  const { eventId, type, schemaVersion, data, metadata, version, recordedAt } = event;
  return { key: streamId, value: { streamId, version, eventId, type, schemaVersion, data, metadata, recordedAt: isoTime(recordedAt) }, headers: {} };
}

/** An event as the API answers it. */
export const eventView = ({ eventId, type, schemaVersion, data, metadata, version, recordedAt }: RecordedEvent) => ({
  eventId,
  type,
  schemaVersion,
  data,
  metadata,
  version,
  recordedAt: isoTime(recordedAt),
});

/** What a look for an append's event ids among a stream's recorded events found. */
export type RepeatVerdict =
  | { readonly kind: 'new' }
  | { readonly kind: 'repeat'; readonly firstVersion: number; readonly lastVersion: number }
  | { readonly kind: 'conflict'; readonly eventId: string; readonly version: number };

const sameEvent = (proposed: ProposedEvent, recorded: RecordedEvent) =>
  proposed.type === recorded.type &&
  proposed.schemaVersion === recorded.schemaVersion &&
  isDeepStrictEqual(proposed.data, recorded.data) &&
  isDeepStrictEqual(proposed.metadata, recorded.metadata);

/**
 * Whether `proposed` repeats an append among `recorded` (consecutive events of one stream):
 * KurrentDB's idempotent append, where the same ids at consecutive versions are the same append
 * and answer its result. A client's id found any other way (another position, other content, part
 * of the append) is a conflict; generated ids are never found.
 */
export function judgeRepeat(proposed: readonly ProposedEvent[], recorded: readonly RecordedEvent[]): RepeatVerdict {
  const byId = new Map(recorded.map((event) => [event.eventId, event]));
  const found = proposed.findIndex((event) => event.idGiven && byId.has(event.eventId));
  if (found === -1) return { kind: 'new' };
  const start = byId.get(proposed[0]!.eventId);
  const matches =
    start !== undefined &&
    proposed.every((event, index) => {
      const stored = byId.get(event.eventId);
      return event.idGiven && stored !== undefined && stored.version === start.version + index && sameEvent(event, stored);
    });
  if (matches) return { kind: 'repeat', firstVersion: start.version, lastVersion: start.version + proposed.length - 1 };
  const clash = byId.get(proposed[found]!.eventId)!;
  return { kind: 'conflict', eventId: clash.eventId, version: clash.version };
}
