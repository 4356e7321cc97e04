import { describe, expect, it } from 'vitest';
import { runBatches, type BatchResult } from '../../../functions/adapters/aws-batch.ts';

/** A fake *Batch call that answers each entry by `answer(index, attempt)`. */
function fakeBatchCall(answer: (index: number, attempt: number) => 'ok' | 'sender' | 'retriable') {
  const attempts = new Map<number, number>();
  const calls: number[][] = [];
  const call = async (indexes: readonly number[]): Promise<BatchResult> => {
    calls.push([...indexes]);
    const result = { Successful: [] as { Id: string }[], Failed: [] as { Id: string; Code: string; SenderFault: boolean }[] };
    for (const index of indexes) {
      const attempt = (attempts.get(index) ?? 0) + 1;
      attempts.set(index, attempt);
      const outcome = answer(index, attempt);
      if (outcome === 'ok') result.Successful.push({ Id: String(index) });
      else result.Failed.push({ Id: String(index), Code: outcome === 'sender' ? 'ReceiptHandleIsInvalid' : 'InternalError', SenderFault: outcome === 'sender' });
    }
    return result;
  };
  return { call, calls };
}

describe('runBatches', () => {
  it('makes no call for no entries', async () => {
    const { call, calls } = fakeBatchCall(() => 'ok');

    expect(await runBatches(0, { maxEntries: 10 }, call)).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('splits entries into batches and reports outcomes in entry order', async () => {
    const { call, calls } = fakeBatchCall((index) => (index === 12 ? 'sender' : 'ok'));

    const outcomes = await runBatches(15, { maxEntries: 10 }, call);

    expect(calls.map((batch) => batch.length).sort()).toEqual([10, 5]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(14);
    expect(outcomes[12]).toEqual({ ok: false, code: 'ReceiptHandleIsInvalid', message: '', senderFault: true });
  });

  it('retries only entries that failed through no fault of the sender', async () => {
    const { call, calls } = fakeBatchCall((index, attempt) => (index === 1 && attempt === 1 ? 'retriable' : index === 2 ? 'sender' : 'ok'));

    const outcomes = await runBatches(3, { maxEntries: 10 }, call);

    expect(calls).toEqual([[0, 1, 2], [1]]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false]);
  });

  it('gives up on an entry that keeps failing after three attempts', async () => {
    const { call, calls } = fakeBatchCall(() => 'retriable');

    const [outcome] = await runBatches(1, { maxEntries: 10 }, call);

    expect(calls).toHaveLength(3);
    expect(outcome).toMatchObject({ ok: false, code: 'InternalError', senderFault: false });
  });

  it('fails the entries of a call that fails transiently, and throws any other error', async () => {
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException', $fault: 'client' });
    const missing = Object.assign(new Error('gone'), { name: 'QueueDoesNotExist', $fault: 'client', $metadata: { httpStatusCode: 400 } });

    const outcomes = await runBatches(2, { maxEntries: 10 }, async () => {
      throw throttled;
    });

    expect(outcomes).toEqual([
      expect.objectContaining({ ok: false, code: 'service_unavailable', senderFault: false }),
      expect.objectContaining({ ok: false, code: 'service_unavailable', senderFault: false }),
    ]);
    await expect(runBatches(1, { maxEntries: 10 }, async () => Promise.reject(missing))).rejects.toBe(missing);
  });

  it('sends the batches one after another when ordered', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const { call: answer, calls } = fakeBatchCall(() => 'ok');
    const call = async (indexes: readonly number[]) => {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      return answer(indexes);
    };

    await runBatches(25, { maxEntries: 10 }, call, { ordered: true });

    expect(mostInFlight).toBe(1);
    expect(calls.map((batch) => batch[0])).toEqual([0, 10, 20]);
  });
});
