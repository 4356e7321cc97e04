import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_SECONDS, backoffDelaySeconds, conflictBackoffMs } from '../../../functions/core/backoff.ts';

const lowest = () => 0;
const highest = () => 0.999_999;

describe('backoff', () => {
  it.each([
    [1, 1, 1],
    [2, 1, 2],
    [3, 2, 4],
    [4, 4, 8],
    [5, 8, 16],
    [9, 128, 256],
  ])('delays delivery %i by %i to %i seconds', (deliveryCount, min, max) => {
    expect(backoffDelaySeconds(deliveryCount, lowest)).toBe(min);
    expect(backoffDelaySeconds(deliveryCount, highest)).toBe(max);
  });

  it('never exceeds the cap, however many deliveries failed', () => {
    for (const deliveryCount of [10, 11, 50, 1_000, 1e9]) {
      expect(backoffDelaySeconds(deliveryCount, highest)).toBe(BACKOFF_CAP_SECONDS);
      expect(backoffDelaySeconds(deliveryCount, lowest)).toBe(BACKOFF_CAP_SECONDS / 2);
    }
  });

  it('raises the lower bound with every delivery until the cap', () => {
    const floors = Array.from({ length: 12 }, (_, i) => backoffDelaySeconds(i + 1, lowest));

    expect(floors).toEqual([1, 1, 2, 4, 8, 16, 32, 64, 128, 150, 150, 150]);
  });

  it('returns whole seconds spread over the range', () => {
    const delays = new Set(Array.from({ length: 200 }, (_, i) => backoffDelaySeconds(5, () => i / 200)));

    expect([...delays].sort((a, b) => a - b)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it('treats a delivery count below 1 as the first delivery', () => {
    expect(backoffDelaySeconds(0, highest)).toBe(1);
    expect(backoffDelaySeconds(-3, highest)).toBe(1);
  });
});

describe('conflictBackoffMs', () => {
  it('waits 10–20 ms after the first lost race and doubles up to 0.5–1 s', () => {
    expect([conflictBackoffMs(1, lowest), conflictBackoffMs(1, highest)]).toEqual([10, 20]);
    expect([conflictBackoffMs(3, lowest), conflictBackoffMs(3, highest)]).toEqual([40, 80]);
    expect([conflictBackoffMs(20, lowest), conflictBackoffMs(20, highest)]).toEqual([500, 1_000]);
  });
});
