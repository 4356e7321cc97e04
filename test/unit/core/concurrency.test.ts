import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../../../functions/core/concurrency.ts';

describe('Function: mapWithConcurrency', () => {
  it('maps every item, results in item order, with no more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;

    const results = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (item, index) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, item));
      inFlight--;
      return item * 10 + index;
    });

    expect(results).toEqual([50, 11, 42, 23, 34]);
    expect(most).toBe(2);
  });

  it('maps nothing to nothing', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
  });
});
