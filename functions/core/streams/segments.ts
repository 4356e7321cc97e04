import { SEGMENT_CAPACITY_BYTES } from './limits.ts';
import { joinedBytes, type PackedRecord } from './record-codec.ts';

/** Consecutive records of one partition stored as one item: offsets base .. base + records.length - 1. */
export interface SegmentDraft {
  readonly base: number;
  readonly records: readonly PackedRecord[];
}

/**
 * Splits one request's records for a partition into as few segments as fit `capacity` bytes each,
 * in order, the first at `base` and each next one where the previous ends, so offsets stay
 * consecutive. Every record must fit a segment on its own (requests are checked before).
 */
export function planSegments(records: readonly PackedRecord[], base: number, capacity = SEGMENT_CAPACITY_BYTES): SegmentDraft[] {
  const segments: SegmentDraft[] = [];
  let current: PackedRecord[] = [];
  let start = base;
  for (const record of records) {
    if (joinedBytes([record]) > capacity) throw new RangeError(`a record of ${record.bytes} bytes cannot fit a segment of ${capacity}`);
    if (current.length > 0 && joinedBytes(current) + 1 + record.bytes > capacity) {
      segments.push({ base: start, records: current });
      start += current.length;
      current = [];
    }
    current.push(record);
  }
  if (current.length > 0) segments.push({ base: start, records: current });
  return segments;
}
