import { describe, expect, it } from 'vitest';
import { appendTimestamp, expiresAtSeconds, isRetained } from '../../../functions/core/streams/log-time.ts';

describe('log time', () => {
  it('stamps appends with the clock, but never before the partition\'s last append', () => {
    expect(appendTimestamp(2_000, 1_000)).toBe(2_000);
    expect(appendTimestamp(1_000, 2_000)).toBe(2_000);
  });

  it('retains records until the retention has fully passed', () => {
    expect(isRetained(1_000, 3_600_000, 3_600_999)).toBe(true);
    expect(isRetained(1_000, 3_600_000, 3_601_000)).toBe(false);
  });

  it('lets TTL delete an item only once it has left the retention, in epoch seconds', () => {
    expect(expiresAtSeconds(1_500, 3_600_000)).toBe(3_602);
    expect(expiresAtSeconds(1_000, 3_600_000)).toBe(3_601);
    expect(isRetained(1_500, 3_600_000, expiresAtSeconds(1_500, 3_600_000) * 1000)).toBe(false);
  });
});
