import { describe, expect, it } from 'vitest';
import { call, expectProblem } from '../support/client.ts';
import { declareStream, produce, readRecords, streamPath } from '../support/streams.ts';

// Partitions of 10 that Kafka's Java client gives these keys (murmur2; see the partitioner's unit tests).
const kafkaPartitionOf10 = { '21': 0, foobar: 6, 'a-little-bit-long-string': 2, abc: 7, kafka: 0, '': 1 } as const;

describe('streams: producing and reading records', () => {
  it('puts keyed records where Kafka would, keeping order and consecutive offsets per partition', async () => {
    const name = await declareStream({ partitions: 10 });
    const keys = ['foobar', 'abc', 'foobar', '21', 'foobar'] as const;

    const results = await produce(name, { records: keys.map((key, n) => ({ key, value: { n } })) });

    expect(results.map((result) => result.partition)).toEqual(keys.map((key) => kafkaPartitionOf10[key]));
    expect(results.filter((result) => result.partition === 6).map((result) => result.offset)).toEqual([0, 1, 2]);
    const page = await readRecords(name, 6);
    expect(page.records.map(({ offset, key, value }) => ({ offset, key, value }))).toEqual([
      { offset: 0, key: 'foobar', value: { n: 0 } },
      { offset: 1, key: 'foobar', value: { n: 2 } },
      { offset: 2, key: 'foobar', value: { n: 4 } },
    ]);
    expect(page).toMatchObject({ nextOffset: 3, highWatermark: 3 });
  });

  it('keeps appending at the end across requests, and reads from any offset', async () => {
    const name = await declareStream({ partitions: 1 });
    await produce(name, { records: [{ value: 'a' }, { value: 'b' }] });
    const [third] = await produce(name, { records: [{ value: 'c', headers: { source: 'shop' } }] });

    expect(third).toMatchObject({ partition: 0, offset: 2, timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect((await readRecords(name, 0, 'offset=1')).records.map((record) => record.value)).toEqual(['b', 'c']);
    expect((await readRecords(name, 0, 'offset=2')).records[0]).toMatchObject({ value: 'c', headers: { source: 'shop' }, key: null });
    const since = await readRecords(name, 0, `timestamp=${encodeURIComponent(third!.timestamp)}`);
    expect(since.records.at(-1)).toMatchObject({ offset: 2, value: 'c' });
    expect(since.records.every((record) => record.timestamp >= third!.timestamp)).toBe(true);
  });

  it('answers 416 with both bounds for an offset past the high watermark', async () => {
    const name = await declareStream({ partitions: 1 });
    await produce(name, { records: [{ value: 'only' }] });

    const response = await call('GET', `${streamPath(name)}/partitions/0/records?offset=5`);
    expectProblem(response, 416, 'offset_out_of_range');
    expect(response.body).toMatchObject({ logStartOffset: 0, highWatermark: 1 });
  });

  it('answers an idempotent producer\'s retry with the original offsets, and refuses a sequence gap', async () => {
    const name = await declareStream({ partitions: 1 });
    const body = { producerId: 'conformance-producer', sequence: 0, records: [{ value: 1 }, { value: 2 }] };

    const first = await produce(name, body);
    const retry = await produce(name, body);
    expect(retry).toEqual(first);
    expectProblem(await call('POST', `${streamPath(name)}/records`, { ...body, sequence: 5 }), 409, 'out_of_order_sequence');
    expect((await readRecords(name, 0)).highWatermark).toBe(2);
  });

  it('rejects bad requests whole: a partition out of range, an oversized record', async () => {
    const name = await declareStream({ partitions: 2 });

    expectProblem(await call('POST', `${streamPath(name)}/records`, { records: [{ value: 1 }, { value: 2, partition: 2 }] }), 400, 'partition_out_of_range');
    expectProblem(await call('POST', `${streamPath(name)}/records`, { records: [{ value: 1 }, { value: 'x'.repeat(410_000) }] }), 413, 'record_too_large');
    expect((await readRecords(name, 0)).highWatermark + (await readRecords(name, 1)).highWatermark).toBe(0);
  });
});
