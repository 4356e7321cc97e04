import { describe, expect, inject, it } from 'vitest';
import { PostroomClient, type PolledRecord, type ReceivedMessage } from '../../../client/index.ts';
import { uniqueName } from '../support/client.ts';

const client = new PostroomClient({ endpoint: inject('baseUrl') });

describe('client: consume loops', () => {
  it('queue.consume acks what its handler took, nacks what it threw on until it comes back, and stops on abort', async () => {
    const queue = client.queue(uniqueName('consume'));
    await queue.declare();
    await queue.publish(Array.from({ length: 30 }, (_, n) => ({ body: n })));

    const stop = new AbortController();
    const done = new Set<number>();
    const deliveries: number[] = [];
    const errors: unknown[] = [];
    const summary = await queue.consume(
      async (message: ReceivedMessage) => {
        const n = message.body as number;
        deliveries.push(n);
        if (n % 5 === 0 && message.deliveryCount === 1) throw new Error(`first delivery of ${n} fails`);
        done.add(n);
        if (done.size === 30) stop.abort();
      },
      { signal: stop.signal, waitSeconds: 2, settleIntervalMs: 100, onError: (error) => errors.push(error) },
    );

    expect(summary).toEqual({ acked: 30, nacked: 6, handled: 36 });
    expect(errors.map(String).sort()).toEqual([0, 5, 10, 15, 20, 25].map((n) => `Error: first delivery of ${n} fails`).sort());
    expect(deliveries.filter((n) => n % 5 === 0).sort((a, b) => a - b)).toEqual([0, 0, 5, 5, 10, 10, 15, 15, 20, 20, 25, 25]);
    expect((await queue.describe()).messages).toEqual({ ready: 0, inFlight: 0, delayed: 0, deadLetters: 0 });
  });

  it('queue.consume rejects when the queue does not exist', async () => {
    const stop = new AbortController();
    await expect(client.queue(uniqueName('missing')).consume(() => {}, { signal: stop.signal, waitSeconds: 1 })).rejects.toMatchObject({ status: 404, code: 'queue_not_found' });
  });

  it('group.consume joins, handles records in order per partition, commits after the handler, and leaves on abort', async () => {
    const stream = client.stream(uniqueName('consume'));
    await stream.declare({ partitions: 2 });
    const group = stream.group('billing');
    // A group starts a partition it never committed at its end: start these at the beginning.
    await group.commit([{ partition: 0, offset: 0 }, { partition: 1, offset: 0 }]);
    await stream.produce(Array.from({ length: 20 }, (_, n) => ({ value: n, partition: n % 2 })));

    const stop = new AbortController();
    const seen: PolledRecord[] = [];
    let failedOnce = false;
    const summary = await group.consume(
      (record) => {
        if (record.value === 7 && !failedOnce) {
          failedOnce = true;
          throw new Error('7 fails once');
        }
        seen.push(record);
        if (new Set(seen.map((r) => r.value)).size === 20) stop.abort();
      },
      { signal: stop.signal, idleMs: 100, onError: () => {} },
    );

    expect(failedOnce).toBe(true);
    expect(summary.committed).toBe(20);
    for (const partition of [0, 1]) {
      const offsets = seen.filter((r) => r.partition === partition).map((r) => r.offset);
      expect(offsets, `partition ${partition} in order, each once`).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
    const described = await group.describe();
    expect(described.partitions.map((p) => [p.committedOffset, p.lag])).toEqual([[10, 0], [10, 0]]);
    expect(described.members).toEqual([]);
  });
});
