import { beforeAll, describe, expect, it } from 'vitest';
import { partitionForKey } from '../../functions/core/partitioning/key-partition.ts';
import { failCalls } from '../support/aws-fault-injection.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';
import { countCalls } from '../../testing/aws-call-counter.ts';
import { declareStream, produce, read, readAll, recordsPartitionKey, streamPath, type Placement } from '../support/stream-api.ts';
import { containerProducer } from '../support/stream-containers.ts';

let queueApi: QueueApi;
let dynamodb: typeof import('../../functions/adapters/aws-clients.ts').dynamodb;
beforeAll(async () => {
  queueApi = await startQueueApi();
  ({ dynamodb } = await import('../../functions/adapters/aws-clients.ts'));
});

const api = () => queueApi.api;

async function declared(label: string, settings: Record<string, unknown> = { partitions: 1 }): Promise<string> {
  const name = queueApi.uniqueName(label);
  await declareStream(api(), name, settings);
  return name;
}

const highWatermark = async (name: string, partition: number) => (await read(api(), name, partition, 'limit=1')).highWatermark;

describe('producing records', () => {
  it('puts keyed records on the partition Kafka would, in order, with consecutive offsets per partition', async () => {
    const name = await declared('keyed', { partitions: 5 });
    const keys = ['21', 'foobar', 'kafka', 'abc', '', 'ключ-42', 'foobar', 'kafka', '21', 'foobar'];

    const results = await produce(api(), name, { records: keys.map((key, i) => ({ key, value: { i } })) });

    expect(results.map((result) => result.partition)).toEqual(keys.map((key) => partitionForKey(key, 5)));
    for (let partition = 0; partition < 5; partition++) {
      const mine = results.filter((result) => result.partition === partition);
      expect(mine.map((result) => result.offset)).toEqual(mine.map((_, i) => i));
      const stored = await read(api(), name, partition);
      expect(stored.records.map((record) => record.value)).toEqual(keys.flatMap((key, i) => (partitionForKey(key, 5) === partition ? [{ i }] : [])));
    }
  });

  it('stores key, any JSON value and headers, and stamps every record of an append with one time', async () => {
    const name = await declared('shapes');
    const values = [null, false, 0, '', 'tab\there', [1, { a: null }], { nested: { deep: [true] } }];

    const results = await produce(api(), name, { records: values.map((value, i) => ({ key: i % 2 ? `k${i}` : undefined, value, headers: i === 1 ? { h: 'v', n: 1, b: true } : undefined })) });
    const { records } = await read(api(), name, 0);

    expect(records.map(({ key, value, headers }) => ({ key, value, headers }))).toEqual(
      values.map((value, i) => ({ key: i % 2 ? `k${i}` : null, value, headers: i === 1 ? { h: 'v', n: 1, b: true } : {} })),
    );
    expect(new Set(results.map((result) => result.timestamp)).size).toBe(1);
    expect(records.every((record) => record.timestamp === results[0]!.timestamp)).toBe(true);
  });

  it('lets an explicit partition win over the key, and keeps all keyless records of a request on one sticky partition', async () => {
    const name = await declared('sticky', { partitions: 4 });

    const [explicit] = await produce(api(), name, { records: [{ key: 'foobar', value: 1, partition: (partitionForKey('foobar', 4) + 1) % 4 }] });
    const first = await produce(api(), name, { records: Array.from({ length: 5 }, (_, i) => ({ value: i })) });
    const second = await produce(api(), name, { records: Array.from({ length: 5 }, (_, i) => ({ value: i })) });

    expect(explicit!.partition).toBe((partitionForKey('foobar', 4) + 1) % 4);
    expect(new Set(first.map((result) => result.partition)).size).toBe(1);
    expect(new Set(second.map((result) => result.partition)).size).toBe(1);
    expect(second[0]!.partition).not.toBe(first[0]!.partition);
  });

  it('splits a request too large for one item into consecutive segments', async () => {
    const name = await declared('split');
    const big = 'x'.repeat(250_000);

    const results = await produce(api(), name, { records: [{ value: `a${big}` }, { value: `b${big}` }, { value: `c${big}` }, { value: 'd' }] });
    const stored = await readAll(api(), name, 0);

    expect(results.map((result) => result.offset)).toEqual([0, 1, 2, 3]);
    expect(stored.map((record) => [record.offset, String(record.value)[0]])).toEqual([[0, 'a'], [1, 'b'], [2, 'c'], [3, 'd']]);
  });

  it('never lets timestamps go back along a partition, even when the clock does', async () => {
    const name = await declared('clock');
    const [first] = await produce(api(), name, { records: [{ value: 1 }] });
    const realNow = Date.now;
    Date.now = () => realNow() - 3_600_000;
    try {
      const [second] = await produce(api(), name, { records: [{ value: 2 }] });
      expect(Date.parse(second!.timestamp)).toBeGreaterThanOrEqual(Date.parse(first!.timestamp));
    } finally {
      Date.now = realNow;
    }
  });
});

describe('rejected requests append nothing', () => {
  it.each([
    ['a partition the stream does not have', { records: [{ value: 1 }, { value: 2, partition: 2 }] }, 400, 'partition_out_of_range'],
    ['a record without a value', { records: [{ key: 'k' }] }, 400, 'invalid_request'],
    ['501 records', { records: Array.from({ length: 501 }, () => ({ value: 1 })) }, 400, 'invalid_request'],
    ['a producerId without a sequence', { records: [{ value: 1 }], producerId: 'p' }, 400, 'invalid_request'],
    ['a record over 400 KB', { records: [{ value: 1 }, { value: 'x'.repeat(409_600) }] }, 413, 'record_too_large'],
    ['records adding up to over 4 MB', { records: Array.from({ length: 11 }, () => ({ value: 'x'.repeat(380_000) })) }, 413, 'request_too_large'],
  ])('refuses %s', async (_what, body, status, code) => {
    const name = await declared('rejected', { partitions: 2 });

    const response = await api().post(`${streamPath(name)}/records`, body);

    expect(response.json).toMatchObject({ status, code });
    expect([await highWatermark(name, 0), await highWatermark(name, 1)]).toEqual([0, 0]);
  });
});

describe('offsets under concurrency and failures', () => {
  it('gives 8 producers in 8 containers racing for one partition offsets 0..799, none missing or doubled, each producer in order', async () => {
    const name = await declared('concurrent');
    const producers = 8;
    const requests = 10;
    const perRequest = 10;

    const placed = await Promise.all(
      Array.from({ length: producers }, async (_, producer) => {
        const append = await containerProducer();
        const mine: Placement[] = [];
        for (let request = 0; request < requests; request++) {
          const records = Array.from({ length: perRequest }, (_, i) => ({ value: { producer, n: request * perRequest + i } }));
          mine.push(...(await append(name, { records })));
        }
        return mine;
      }),
    );
    const log = await readAll(api(), name, 0);

    const total = producers * requests * perRequest;
    expect(placed.flat().map((p) => p.offset).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(log.map((record) => record.offset)).toEqual(Array.from({ length: total }, (_, i) => i));
    for (let producer = 0; producer < producers; producer++) {
      const sequence = log.flatMap((record) => ((record.value as any).producer === producer ? [(record.value as any).n] : []));
      expect(sequence).toEqual(Array.from({ length: requests * perRequest }, (_, i) => i));
    }
  });

  it('makes a writer holding a stale end lose its conditional append and append after the winner', async () => {
    const name = await declared('stale');
    const [stale, other] = [await containerProducer(), await containerProducer()];
    await stale(name, { records: [{ value: 'a' }] });
    await other(name, { records: [{ value: 'b' }, { value: 'c' }] });

    const calls = countCalls([dynamodb]);
    const late = await stale(name, { records: [{ value: 'd' }] });

    expect(late[0]!.offset).toBe(3);
    expect(calls.counts.get('TransactWriteItemsCommand')).toBe(2);
    expect((await readAll(api(), name, 0)).map(({ offset, value }) => [offset, value])).toEqual([[0, 'a'], [1, 'b'], [2, 'c'], [3, 'd']]);
  });

  it('leaves no gap when a request dies between partitions: the failed partition simply has nothing', async () => {
    const name = await declared('crash', { partitions: 2 });
    await produce(api(), name, { records: [{ value: 'before', partition: 1 }] });
    const heal = failCalls(dynamodb, 'TransactWriteItemsCommand', `"${await recordsPartitionKey(name, 1)}"`);
    let crashed;
    try {
      crashed = await api().post(`${streamPath(name)}/records`, { records: [{ value: 'a', partition: 0 }, { value: 'b', partition: 1 }] });
    } finally {
      heal();
    }
    await produce(api(), name, { records: [{ value: 'after', partition: 0 }, { value: 'after', partition: 1 }] });

    expect(crashed.status).toBe(500);
    expect((await readAll(api(), name, 0)).map(({ offset, value }) => [offset, value])).toEqual([[0, 'a'], [1, 'after']]);
    expect((await readAll(api(), name, 1)).map(({ offset, value }) => [offset, value])).toEqual([[0, 'before'], [1, 'after']]);
  });
});

describe('idempotent producer', () => {
  it('answers a retried request with its original offsets and appends nothing', async () => {
    const name = await declared('idempotent', { partitions: 2 });
    const body = { producerId: 'p-1', sequence: 0, records: [{ value: 1, partition: 0 }, { value: 2, partition: 1 }, { value: 3, partition: 0 }] };

    const first = await produce(api(), name, body);
    const retry = await produce(api(), name, body);
    const next = await produce(api(), name, { producerId: 'p-1', sequence: 2, records: [{ value: 4, partition: 0 }] });

    expect(retry).toEqual(first);
    expect(next[0]).toMatchObject({ partition: 0, offset: 2 });
    expect((await readAll(api(), name, 0)).map((record) => record.value)).toEqual([1, 3, 4]);
  });

  it('refuses a sequence gap with 409 out_of_order_sequence, appending nothing to any partition', async () => {
    const name = await declared('gap', { partitions: 2 });
    await produce(api(), name, { producerId: 'p-2', sequence: 0, records: [{ value: 1, partition: 0 }] });

    const gap = await api().post(`${streamPath(name)}/records`, { producerId: 'p-2', sequence: 5, records: [{ value: 2, partition: 1 }, { value: 3, partition: 0 }] });
    const fresh = await api().post(`${streamPath(name)}/records`, { producerId: 'p-3', sequence: 1, records: [{ value: 4, partition: 1 }] });

    expect(gap.json).toMatchObject({ status: 409, code: 'out_of_order_sequence', producerId: 'p-2', sequence: 5 });
    expect(fresh.json).toMatchObject({ status: 409, code: 'out_of_order_sequence', expectedSequence: 0 });
    expect([await highWatermark(name, 0), await highWatermark(name, 1)]).toEqual([1, 0]);
  });

  it('completes a request that died between partitions when it is retried, without duplicating the partition that made it', async () => {
    const name = await declared('idempotent-crash', { partitions: 2 });
    const body = { producerId: 'p-4', sequence: 0, records: [{ value: 'a', partition: 0 }, { value: 'b', partition: 1 }] };
    const heal = failCalls(dynamodb, 'TransactWriteItemsCommand', `"${await recordsPartitionKey(name, 1)}"`);
    try {
      expect((await api().post(`${streamPath(name)}/records`, body)).status).toBe(500);
    } finally {
      heal();
    }

    const retried = await produce(api(), name, body);

    expect(retried.map(({ partition, offset }) => [partition, offset])).toEqual([[0, 0], [1, 0]]);
    expect((await readAll(api(), name, 0)).map((record) => record.value)).toEqual(['a']);
    expect((await readAll(api(), name, 1)).map((record) => record.value)).toEqual(['b']);
  });
});
