import { describe, expect, it } from 'vitest';
import { pushRecords, type DeliveryResult } from '../../../functions/core/streams/push-delivery.ts';
import type { ReadRecord } from '../../../functions/core/streams/read-slice.ts';
import { firstFailedOffset } from '../../../functions/core/streams/consumer-reply.ts';

const records = (from: number, count: number): ReadRecord[] =>
  Array.from({ length: count }, (_, index) => ({ offset: from + index, key: null, value: `v${from + index}`, headers: {}, timestamp: 0 }));

/** Runs pushRecords with a consumer that fails on the offsets in `poison` (reporting them when `reports`). */
async function run(input: ReadRecord[], poison: Set<number>, options: { reports?: boolean; maxAttempts?: number; batchSize?: number; timeLeft?: number } = {}) {
  const log: string[] = [];
  let timeLeft = options.timeLeft ?? Infinity;
  const done = await pushRecords(input, { batchSize: options.batchSize ?? 10, maxAttempts: options.maxAttempts ?? 3 }, {
    async deliver(batch): Promise<DeliveryResult> {
      timeLeft -= 1;
      log.push(`deliver ${batch.map((record) => record.offset).join(',')}`);
      const bad = batch.find((record) => poison.has(record.offset));
      if (!bad) return { ok: true };
      return options.reports ? { ok: false, error: 'bad', failedOffset: bad.offset } : { ok: false, error: 'bad' };
    },
    async deadLetter(record, attempts) {
      log.push(`dead ${record.offset} after ${attempts}`);
    },
    async commit(next) {
      log.push(`commit ${next}`);
    },
    async pause() {},
    outOfTime: () => timeLeft <= 0,
  });
  return { done, log };
}

describe('Function: pushRecords', () => {
  it('delivers in batches and commits after each', async () => {
    const { done, log } = await run(records(5, 5), new Set(), { batchSize: 3 });
    expect(done).toBe(true);
    expect(log).toEqual(['deliver 5,6,7', 'commit 8', 'deliver 8,9', 'commit 10']);
  });

  it('finds an unreported poison record one by one and dead-letters it after maxAttempts', async () => {
    const { log } = await run(records(0, 3), new Set([1]), { maxAttempts: 2 });
    expect(log).toEqual(['deliver 0,1,2', 'deliver 0', 'commit 1', 'deliver 1', 'deliver 1', 'dead 1 after 2', 'commit 2', 'deliver 2', 'commit 3']);
  });

  it('commits up to a reported failure and retries from it', async () => {
    const { log } = await run(records(0, 4), new Set([2]), { reports: true, maxAttempts: 2 });
    expect(log).toEqual(['deliver 0,1,2,3', 'commit 2', 'deliver 2,3', 'dead 2 after 2', 'commit 3', 'deliver 3', 'commit 4']);
  });

  it('stops when out of time', async () => {
    const { done, log } = await run(records(0, 4), new Set(), { batchSize: 1, timeLeft: 2 });
    expect(done).toBe(false);
    expect(log).toEqual(['deliver 0', 'commit 1', 'deliver 1', 'commit 2']);
  });
});

describe('Function: firstFailedOffset', () => {
  it('reads the lowest offset of batchItemFailures', () => {
    expect(firstFailedOffset({ batchItemFailures: [{ itemIdentifier: '7' }, { itemIdentifier: 5 }] })).toBe(5);
  });
  it('ignores replies without usable failures', () => {
    expect(firstFailedOffset(null)).toBeUndefined();
    expect(firstFailedOffset({ batchItemFailures: [] })).toBeUndefined();
    expect(firstFailedOffset({ batchItemFailures: [{ itemIdentifier: 'x' }] })).toBeUndefined();
  });
});
