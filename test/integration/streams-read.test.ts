import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiEnvironment } from '../../functions/api/environment.ts';
import { decompressRecords } from '../../functions/core/streams/segment-compression.ts';
import { eventValues } from '../../testing/sample-records.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';
import { declareStream, produce, read, readAll, recordsPartitionKey, streamPath } from '../support/stream-api.ts';

let queueApi: QueueApi;
beforeAll(async () => {
  queueApi = await startQueueApi();
});
afterEach(() => {
  vi.useRealTimers();
});

const api = () => queueApi.api;
const HOUR = 3_600_000;

async function declared(label: string, settings: Record<string, unknown> = { partitions: 1 }): Promise<string> {
  const name = queueApi.uniqueName(label);
  await declareStream(api(), name, settings);
  return name;
}

/** Appends `values` to partition 0, one request each, and returns the stream. */
async function streamOf(label: string, ...requests: unknown[][]): Promise<string> {
  const name = await declared(label);
  for (const values of requests) await produce(api(), name, { records: values.map((value) => ({ value })) });
  return name;
}

/** Only Date is faked: the SDK's timers and moto keep running. */
function setClock(epochMs: number): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(epochMs);
}

const valuesOf = (page: { records: { value: unknown }[] }) => page.records.map((record) => record.value);

describe('reading by offset', () => {
  it('reads whole segments up to limit records from an offset, cutting only the first, with the next offset and the high watermark', async () => {
    const name = await streamOf('offset', ['a', 'b', 'c'], ['d', 'e'], ['f']);

    expect(await read(api(), name, 0, 'offset=0&limit=4')).toMatchObject({ nextOffset: 3, highWatermark: 6, records: [{ offset: 0, value: 'a' }, {}, { offset: 2, value: 'c' }] });
    expect(await read(api(), name, 0, 'offset=0&limit=2')).toMatchObject({ nextOffset: 2, records: [{ offset: 0 }, { offset: 1 }] });
    expect(valuesOf(await read(api(), name, 0, 'offset=1&limit=4'))).toEqual(['b', 'c', 'd', 'e']);
    expect(await read(api(), name, 0, 'offset=4')).toMatchObject({ nextOffset: 6, highWatermark: 6, records: [{ offset: 4, value: 'e' }, { offset: 5, value: 'f' }] });
  });

  it('answers an empty page at the high watermark, and 416 with both bounds past it', async () => {
    const name = await streamOf('end', ['a', 'b']);

    const atEnd = await read(api(), name, 0, 'offset=2');
    const past = await api().get(`${streamPath(name)}/partitions/0/records?offset=3`);

    expect(atEnd).toEqual({ records: [], nextOffset: 2, highWatermark: 2 });
    expect(past).toMatchObject({ status: 416, json: { code: 'offset_out_of_range', partition: 0, offset: 3, logStartOffset: 0, highWatermark: 2 } });
    expect(past.json.detail).toMatch(/above partition 0's high watermark 2: no record has been written there yet/);
  });

  it('answers 416, not a server error, for the highest offset a request may name', async () => {
    const name = await streamOf('far', ['a']);

    const far = await api().get(`${streamPath(name)}/partitions/0/records?offset=${Number.MAX_SAFE_INTEGER - 1}&maxBytes=3841891`);

    expect(far).toMatchObject({ status: 416, json: { code: 'offset_out_of_range', offset: Number.MAX_SAFE_INTEGER - 1, highWatermark: 1 } });
  });

  it('stops before maxBytes of packed records (109 bytes each here), but always returns the first record', async () => {
    const name = await streamOf('bytes', ['x'.repeat(100), 'y'.repeat(100), 'z']);

    expect(valuesOf(await read(api(), name, 0, 'maxBytes=220'))).toEqual(['x'.repeat(100), 'y'.repeat(100)]);
    expect(valuesOf(await read(api(), name, 0, 'maxBytes=1'))).toEqual(['x'.repeat(100)]);
  });

  it('starts at the log start when neither offset nor timestamp is given', async () => {
    const name = await streamOf('earliest', ['a'], ['b']);

    expect(await read(api(), name, 0)).toMatchObject({ records: [{ offset: 0, value: 'a' }, { offset: 1, value: 'b' }], nextOffset: 2 });
  });

  it.each([
    ['a non-numeric offset', '/partitions/0/records?offset=abc', 'invalid_request'],
    ['a negative offset', '/partitions/0/records?offset=-1', 'invalid_request'],
    ['both offset and timestamp', '/partitions/0/records?offset=0&timestamp=0', 'invalid_request'],
    ['a limit of 0', '/partitions/0/records?limit=0', 'invalid_request'],
    ['a limit of 1001', '/partitions/0/records?limit=1001', 'invalid_request'],
    ['a timestamp that is no time', '/partitions/0/records?timestamp=yesterday', 'invalid_request'],
    ['a partition that is no number', '/partitions/one/records', 'invalid_request'],
    ['a partition the stream does not have', '/partitions/1/records', 'partition_out_of_range'],
  ])('refuses %s with 400', async (_what, path, code) => {
    const name = await streamOf('bad-read', ['a']);

    expect((await api().get(`${streamPath(name)}${path}`)).json).toMatchObject({ status: 400, code });
  });
});

describe('compressed segments', () => {
  it('names each segment\'s codec, and reads segments stored as text (as before compression) beside compressed ones', async () => {
    const values = eventValues(300);
    const name = await streamOf('codecs', values.slice(0, 100), values.slice(100, 200), values.slice(200), [1]);
    const { documents } = await import('../../functions/adapters/aws-clients.ts');
    const TableName = process.env[ApiEnvironment.streamRecordsTable]!;
    const { Items: segments = [] } = await documents.send(
      new QueryCommand({ TableName, KeyConditionExpression: 'pk = :pk AND sk >= :first', ExpressionAttributeValues: { ':pk': await recordsPartitionKey(name, 0), ':first': 0 }, ConsistentRead: true }),
    );
    // What an older Postroom stored: the records' JSON as text, no codec.
    const { c: codec, r: bytes, ...middle } = segments[1]!;
    await documents.send(new PutCommand({ TableName, Item: { ...middle, r: decompressRecords({ codec, bytes }) } }));

    expect(segments.map((segment) => [segment.sk, segment.c ?? null])).toEqual([[0, 'zstd'], [100, 'zstd'], [200, 'zstd'], [300, null]]);
    expect((await readAll(api(), name, 0)).map((record) => record.value)).toEqual([...values, 1]);
    expect(valuesOf(await read(api(), name, 0, 'offset=150&limit=3'))).toEqual(values.slice(150, 153));
  });
});

describe('reading by time', () => {
  it('starts at the first record appended at or after a time, given as ISO 8601 or epoch milliseconds', async () => {
    const start = Date.now();
    const name = await declared('time');
    for (const [minutes, value] of [[0, 'a'], [10, 'b'], [20, 'c']] as const) {
      setClock(start + minutes * 60_000);
      await produce(api(), name, { records: [{ value }, { value: `${value}2` }] });
    }

    const iso = new Date(start + 5 * 60_000).toISOString();
    expect(valuesOf(await read(api(), name, 0, `timestamp=${iso}`))).toEqual(['b', 'b2', 'c', 'c2']);
    expect(valuesOf(await read(api(), name, 0, `timestamp=${start + 20 * 60_000}`))).toEqual(['c', 'c2']);
    expect(await read(api(), name, 0, `timestamp=${start + 30 * 60_000}`)).toEqual({ records: [], nextOffset: 6, highWatermark: 6 });
    expect(valuesOf(await read(api(), name, 0, `timestamp=0`))).toEqual(['a', 'a2', 'b', 'b2', 'c', 'c2']);
  });
});

describe('retention', () => {
  it('never returns records past the retention, before any TTL deletion, and moves the log start', async () => {
    const start = Date.now();
    const name = await declared('retention', { partitions: 1, retentionHours: 1 });
    setClock(start);
    await produce(api(), name, { records: [{ value: 'old' }, { value: 'old' }] });
    setClock(start + 2 * HOUR);
    await produce(api(), name, { records: [{ value: 'new' }] });

    const below = await api().get(`${streamPath(name)}/partitions/0/records?offset=1`);
    const described = await api().get(streamPath(name));

    expect(below).toMatchObject({ status: 416, json: { code: 'offset_out_of_range', offset: 1, logStartOffset: 2, highWatermark: 3 } });
    expect(below.json.detail).toMatch(/below partition \d+'s log start 2: its records have passed the stream's retention/);
    expect(described.json.offsets).toEqual([{ partition: 0, logStartOffset: 2, highWatermark: 3 }]);
    expect(await read(api(), name, 0)).toMatchObject({ records: [{ offset: 2, value: 'new' }], nextOffset: 3 });
    expect(valuesOf(await read(api(), name, 0, `timestamp=${start}`))).toEqual(['new']);
  });

  it('keeps offsets going after every record expired: the log start meets the high watermark', async () => {
    const start = Date.now();
    const name = await declared('expired', { partitions: 1, retentionHours: 1 });
    setClock(start);
    await produce(api(), name, { records: [{ value: 'a' }, { value: 'b' }] });
    setClock(start + 3 * HOUR);

    const described = await api().get(streamPath(name));
    const empty = await read(api(), name, 0);
    const [next] = await produce(api(), name, { records: [{ value: 'c' }] });

    expect(described.json.offsets).toEqual([{ partition: 0, logStartOffset: 2, highWatermark: 2 }]);
    expect(empty).toEqual({ records: [], nextOffset: 2, highWatermark: 2 });
    expect(next).toMatchObject({ offset: 2 });
    expect(await readAll(api(), name, 0, 2)).toMatchObject([{ offset: 2, value: 'c' }]);
  });
});
