import { describe, expect, it, vi } from 'vitest';
import { consumerEvent } from '../../../functions/adapters/consumer-invoker.ts';
import { postroomStreamConsumer, type PostroomStreamRecord, type StreamConsumerEvent } from '../../../functions/consumer/index.ts';
import { firstFailedOffset } from '../../../functions/core/streams/consumer-reply.ts';
import { MemoryPersistenceLayer } from '../../fixtures/consumer-memory-store.ts';
import { lambdaContext } from '../../../testing/handler-harness.ts';

const delivery = (...offsets: number[]): StreamConsumerEvent => ({
  stream: 'orders',
  incarnation: 'i1',
  group: 'billing',
  partition: 2,
  records: offsets.map((offset) => ({ offset, key: `k${offset}`, value: { n: offset }, headers: {}, timestamp: '2026-01-02T03:04:05.000Z' })),
});

describe('Function: postroomStreamConsumer', () => {
  it("takes the dispatcher's event as StreamConsumerEvent writes it out", () => {
    // The annotation is the check that the public type and the dispatcher's event stay one format.
    const event: StreamConsumerEvent = consumerEvent({ stream: 'orders', incarnation: 'i1', group: 'billing', partition: 2 }, [
      { offset: 5, key: null, value: null, headers: { void: null }, timestamp: Date.UTC(2026, 0, 2, 3, 4, 5) },
    ]);

    expect(event).toEqual({
      stream: 'orders',
      incarnation: 'i1',
      group: 'billing',
      partition: 2,
      records: [{ offset: 5, key: null, value: null, headers: { void: null }, timestamp: '2026-01-02T03:04:05.000Z' }],
    });
  });

  it('hands each record with its origin, in offset order', async () => {
    const seen: PostroomStreamRecord[] = [];
    const handler = postroomStreamConsumer((record) => void seen.push(record), { persistenceStore: new MemoryPersistenceLayer() });

    expect(await handler(delivery(5, 6), lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual([
      { stream: 'orders', incarnation: 'i1', group: 'billing', partition: 2, offset: 5, key: 'k5', value: { n: 5 }, headers: {}, timestamp: '2026-01-02T03:04:05.000Z' },
      { stream: 'orders', incarnation: 'i1', group: 'billing', partition: 2, offset: 6, key: 'k6', value: { n: 6 }, headers: {}, timestamp: '2026-01-02T03:04:05.000Z' },
    ]);
  });

  it('stops at the first failure, reports it and the rest, and on the retry runs only those', async () => {
    const ledger: number[] = [];
    let failing = true;
    const handler = postroomStreamConsumer(
      ({ offset }) => {
        if (offset === 6 && failing) throw new Error('6 failed');
        ledger.push(offset);
      },
      { persistenceStore: new MemoryPersistenceLayer() },
    );

    const first = await handler(delivery(5, 6, 7), lambdaContext());
    failing = false;
    const retry = await handler(delivery(5, 6, 7), lambdaContext());

    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: '6' }, { itemIdentifier: '7' }] });
    expect(firstFailedOffset(first)).toBe(6);
    expect(retry).toEqual({ batchItemFailures: [] });
    expect(ledger).toEqual([5, 6, 7]);
  });

  it('keys records by stream incarnation, partition and offset unless told otherwise', async () => {
    const handle = vi.fn();
    const byKey = vi.fn();
    const handler = postroomStreamConsumer(handle, { persistenceStore: new MemoryPersistenceLayer() });
    const keyed = postroomStreamConsumer(byKey, { persistenceStore: new MemoryPersistenceLayer(), key: (record) => String(record.key) });

    await handler(delivery(1), lambdaContext());
    await handler({ ...delivery(1), partition: 3 }, lambdaContext());
    // The stream deleted and declared again: offset 1 is another record.
    await handler({ ...delivery(1), incarnation: 'i2' }, lambdaContext());
    await keyed(delivery(1), lambdaContext());
    await keyed({ ...delivery(1), partition: 3 }, lambdaContext());

    expect(handle).toHaveBeenCalledTimes(3);
    expect(byKey).toHaveBeenCalledTimes(1);
  });
});
