/** Limits of one batch call. */
export interface BatchLimits {
  readonly maxEntries: number;
  /** Largest sum of `sizeOf` over a batch; an item larger than this alone gets a batch of its own. */
  readonly maxBytes?: number;
  readonly sizeOf?: (index: number) => number;
}

/**
 * Groups item indexes into consecutive batches of at most `maxEntries` whose sizes add up to at
 * most `maxBytes`. Returns indexes so callers can report results in request order.
 */
export function packBatches(count: number, limits: BatchLimits): number[][] {
  const { maxEntries, maxBytes = Infinity, sizeOf = () => 0 } = limits;
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (let index = 0; index < count; index++) {
    const size = sizeOf(index);
    if (current.length > 0 && (current.length === maxEntries || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(index);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
