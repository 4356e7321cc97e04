import { describe, expect, it } from 'vitest';
import { packBatches } from '../../../functions/core/batching.ts';

describe('packBatches', () => {
  it('returns no batch for no items', () => {
    expect(packBatches(0, { maxEntries: 10 })).toEqual([]);
  });

  it('fills batches up to the entry limit, in order', () => {
    expect(packBatches(23, { maxEntries: 10 }).map((batch) => batch.length)).toEqual([10, 10, 3]);
    expect(packBatches(23, { maxEntries: 10 }).flat()).toEqual(Array.from({ length: 23 }, (_, i) => i));
  });

  it('starts a new batch when the next item would pass the byte limit', () => {
    const sizes = [400, 400, 400, 100, 900, 50];

    const batches = packBatches(sizes.length, { maxEntries: 10, maxBytes: 1_000, sizeOf: (i) => sizes[i]! });

    expect(batches).toEqual([[0, 1], [2, 3], [4, 5]]);
  });

  it('gives an item larger than the byte limit a batch of its own', () => {
    const sizes = [10, 5_000, 10];

    expect(packBatches(3, { maxEntries: 10, maxBytes: 1_000, sizeOf: (i) => sizes[i]! })).toEqual([[0], [1], [2]]);
  });
});
