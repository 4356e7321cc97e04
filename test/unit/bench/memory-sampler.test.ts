import { describe, expect, it } from 'vitest';
import { secondHalfSlopeMBPerMinute, slope, type MemorySample } from '../../../bench/soak/memory-sampler.ts';

const MB = 2 ** 20;
const samples = (totals: number[]): MemorySample[] => totals.map((total, i) => ({ t: i * 30, processes: [], total: total * MB }));

describe("the soak's memory growth", () => {
  it('is the least-squares slope', () => {
    expect(slope([[0, 1], [1, 3], [2, 5]])).toBe(2);
    expect(slope([[0, 1], [1, 0], [2, 1], [3, 0]])).toBeCloseTo(-0.2);
    expect(slope([[1, 5], [1, 7]])).toBe(0);
  });

  it('looks at the second half of the run only, in MB per minute', () => {
    // Samples every 30 s: a start-up climb, then flat; then a steady 10 MB per sample (20 MB/min).
    expect(secondHalfSlopeMBPerMinute(samples([100, 400, 500, 500, 500]))).toBe(0);
    expect(secondHalfSlopeMBPerMinute(samples([100, 100, 110, 120, 130]))).toBeCloseTo(20);
  });
});
