import { unpackRecords, type StreamRecord } from './record-codec.ts';
import { decompressRecords, type StoredRecords } from './segment-compression.ts';

/** A segment as read from the table, its records still packed. */
export interface StoredSegment {
  readonly base: number;
  readonly count: number;
  readonly timestamp: number;
  /** The packed records (see record-codec.ts), compressed or not: decompressed only when read. */
  readonly records: StoredRecords;
}

export interface ReadRecord extends StreamRecord {
  readonly offset: number;
  readonly timestamp: number;
}

export interface Slice {
  readonly records: ReadRecord[];
  readonly nextOffset: number;
}

type SizedRecord = ReadRecord & { readonly bytes: number };

/** A segment's records from offset `from` on (all of them when it starts at or after `from`). */
function recordsFrom(segment: StoredSegment, from: number): SizedRecord[] {
  const start = Math.max(0, from - segment.base);
  return unpackRecords(decompressRecords(segment.records))
    .slice(start)
    .map((record, index) => ({ offset: segment.base + start + index, ...record, timestamp: segment.timestamp }));
}

const totalBytes = (records: readonly SizedRecord[]) => records.reduce((sum, record) => sum + record.bytes, 0);
const withoutSizes = (records: readonly SizedRecord[]): ReadRecord[] => records.map(({ bytes: _, ...record }) => record);

/**
 * The records from offset `from` on, out of consecutive segments the first of which holds `from`:
 * at most `limit`, and no more than `maxBytes` of packed records. Whole segments only, so that the
 * next read starts where a segment starts and needs one Query; but the first segment is cut when
 * it does not fit, and its first record is returned whatever its size, so that a reader always
 * moves on (Kafka returns whole batches, and the first one even when it is too large).
 */
export function sliceRecords(segments: readonly StoredSegment[], from: number, limit: number, maxBytes: number): Slice {
  const taken: SizedRecord[] = [];
  let bytes = 0;
  for (const [position, segment] of segments.entries()) {
    const rest = recordsFrom(segment, from);
    const size = totalBytes(rest);
    if (taken.length + rest.length <= limit && bytes + size <= maxBytes) {
      taken.push(...rest);
      bytes += size;
    } else if (position > 0) {
      return { records: withoutSizes(taken), nextOffset: segment.base };
    } else {
      const part = rest.slice(0, Math.max(1, Math.min(limit, fittingCount(rest, maxBytes))));
      return { records: withoutSizes(part), nextOffset: part.at(-1)!.offset + 1 };
    }
  }
  return { records: withoutSizes(taken), nextOffset: taken.at(-1) === undefined ? from : taken.at(-1)!.offset + 1 };
}

/** How many records from the start fit `maxBytes`. */
function fittingCount(records: readonly SizedRecord[], maxBytes: number): number {
  let bytes = 0;
  const count = records.findIndex((record) => (bytes += record.bytes) > maxBytes);
  return count === -1 ? records.length : count;
}

/**
 * The partition's end as proven by a read that returned every stored segment whose base lies in
 * [from, lastBase]: offsets are contiguous, so if the last segment ends at or before `lastBase`, a
 * segment starting where it ends would have been returned too. undefined when the read cannot tell.
 */
export function provenEnd(segments: readonly StoredSegment[], lastBase: number): number | undefined {
  const last = segments.at(-1);
  if (last === undefined) return undefined;
  const end = last.base + last.count;
  return end <= lastBase ? end : undefined;
}
