import type { MessageHeaders } from '../schemas/message-requests.ts';

/** A record as produced and as read back: its partition and offset come from where it is stored. */
export interface StreamRecord {
  /** null for a keyless record; an empty string is a key. */
  readonly key: string | null;
  /** Any JSON value, null included (Kafka's tombstone). */
  readonly value: unknown;
  readonly headers: MessageHeaders;
}

/** A record in its stored form, with its size in bytes (UTF-8). */
export interface PackedRecord {
  readonly json: string;
  readonly bytes: number;
}

type PackedTuple = [key: string | null, value: unknown, headers?: MessageHeaders];

/**
 * Packs a record as the JSON array `[key, value]`, with headers as a third member only when there
 * are any: a few bytes of framing per record, so a segment costs little more than its payloads.
 */
export function packRecord(record: StreamRecord): PackedRecord {
  const tuple: PackedTuple = Object.keys(record.headers).length > 0 ? [record.key, record.value, record.headers] : [record.key, record.value];
  const json = JSON.stringify(tuple);
  return { json, bytes: Buffer.byteLength(json) };
}

/** A segment's records as one JSON array of packed records. */
export function joinRecords(records: readonly PackedRecord[]): string {
  return `[${records.map((record) => record.json).join(',')}]`;
}

/** Bytes of `joinRecords(records)`, without building it. */
export function joinedBytes(records: readonly PackedRecord[]): number {
  return records.reduce((sum, record) => sum + record.bytes, 0) + Math.max(records.length - 1, 0) + 2;
}

/** The records of a segment, with each one's packed size (what `maxBytes` counts). */
export function unpackRecords(joined: string): Array<StreamRecord & { readonly bytes: number }> {
  return (JSON.parse(joined) as PackedTuple[]).map(([key, value, headers = {}]) => {
    const record = { key, value, headers };
    return { ...record, bytes: packRecord(record).bytes };
  });
}
