import { describe, expect, it } from 'vitest';
import { formatAge } from '../../../console/format-age.ts';

describe('formatAge', () => {
  it('shows the two largest units, leaving out a zero second one', () => {
    expect([0, 1, 59, 60, 61, 3_599, 3_600, 3_660, 86_399, 90_000, 8 * 86_400].map(formatAge)).toEqual([
      '0 s',
      '1 s',
      '59 s',
      '1 min',
      '1 min 1 s',
      '59 min 59 s',
      '1 h',
      '1 h 1 min',
      '23 h 59 min',
      '1 d 1 h',
      '8 d',
    ]);
  });

  it('shows a dash for no age', () => {
    expect(formatAge(null)).toBe('–');
  });
});
