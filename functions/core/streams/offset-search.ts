/** Where a stored segment lies in its partition, and when it was appended. */
export interface SegmentBounds {
  readonly base: number;
  /** The offset after its last record. */
  readonly end: number;
  readonly timestamp: number;
}

export interface SegmentProbes {
  /** The stored segment with the smallest base ≥ offset, if any. */
  readonly firstFrom: (offset: number) => Promise<SegmentBounds | undefined>;
  /** The stored segment with the greatest base ≤ offset, if any: the one holding it, unless that one is gone. */
  readonly holding: (offset: number) => Promise<SegmentBounds | undefined>;
}

/**
 * The first offset in [from, to) whose segment `accepts`, or `to` when none does. `accepts` must be
 * monotone along the log (false, then true), as "still retained" and "appended at or after T"
 * are, because timestamps never decrease along a partition. A segment that is gone (deleted by
 * TTL) counts as not accepted: only expired segments are deleted, and each predicate here rejects
 * expired records. One probe when the first stored segment is accepted (the usual case), else a
 * binary search over offsets that skips a whole segment per probe.
 */
export async function firstAcceptedOffset(
  from: number,
  to: number,
  probes: SegmentProbes,
  accepts: (segment: SegmentBounds) => boolean,
): Promise<number> {
  if (from >= to) return to;
  const first = await probes.firstFrom(from);
  if (first === undefined || first.base >= to) return to;
  if (accepts(first)) return first.base;
  let low = first.end;
  let high = to;
  while (low < high) {
    const middle = low + Math.floor((high - low) / 2);
    const segment = await probes.holding(middle);
    if (segment === undefined || segment.end <= middle) low = middle + 1;
    else if (accepts(segment)) high = Math.max(low, segment.base);
    else low = segment.end;
  }
  return low;
}
