import { describe, expect, it } from 'vitest';
import { InvalidPartitionCountError } from '../../../functions/core/partitioning/partition-count.ts';
import { nextStickyPartition } from '../../../functions/core/partitioning/sticky.ts';

/** A "random" source that returns the given values in turn. */
const draws = (...values: number[]) => () => values.shift() ?? Number.NaN;

describe('Function: nextStickyPartition', () => {
  it('picks the first batch partition uniformly from all partitions', () => {
    const picks = [0, 0.2, 0.25, 0.5, 0.99].map((value) => nextStickyPartition(4, undefined, draws(value)));

    expect(picks).toEqual([0, 0, 1, 2, 3]);
  });

  it('moves each new batch to another partition, uniformly over the others', () => {
    // Prepare: evenly spaced draws stand for a uniform random source.
    const partitions = 5;
    const previous = 2;
    const counts = new Array<number>(partitions).fill(0);

    // Act
    for (let i = 0; i < 400; i++) counts[nextStickyPartition(partitions, previous, draws((i + 0.5) / 400))]!++;

    // Assess
    expect(counts).toEqual([100, 100, 0, 100, 100]);
  });

  it('stays on the only partition there is', () => {
    expect(nextStickyPartition(1, undefined, draws(0.7))).toBe(0);
    expect(nextStickyPartition(1, 0, draws(0.7))).toBe(0);
  });

  it('never repeats the previous partition when there are others', () => {
    for (let previous = 0; previous < 3; previous++) {
      for (const value of [0, 0.49, 0.5, 0.999]) {
        const next = nextStickyPartition(3, previous, draws(value));
        expect(next).not.toBe(previous);
        expect(next).toBeGreaterThanOrEqual(0);
        expect(next).toBeLessThan(3);
      }
    }
  });

  it.each([0, -3, 2.5])('refuses %d partitions', (partitions) => {
    expect(() => nextStickyPartition(partitions, undefined, Math.random)).toThrow(InvalidPartitionCountError);
  });
});
