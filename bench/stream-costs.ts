import { randomBytes } from 'node:crypto';
import { GetItemCommand, PutItemCommand, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { dynamodb } from '../functions/adapters/aws-clients.ts';
import { ApiEnvironment } from '../functions/api/environment.ts';
import { itemBytes, writeUnits, type DynamoItem } from '../functions/core/dynamodb-item-size.ts';
import { partitionKey, TAIL_SORT_KEY } from '../functions/core/streams/log-keys.ts';
import { decompressRecords, type SegmentCodec } from '../functions/core/streams/segment-compression.ts';
import type { CallCounter } from '../testing/aws-call-counter.ts';
import type { ApiClient } from '../testing/handler-harness.ts';
import { eventValues, randomValues } from '../testing/sample-records.ts';

/** DynamoDB's write budget per partition key, which bounds one stream partition. */
const PARTITION_WCU_PER_SECOND = 1000;
const MB = 1_000_000;

const WRITE_COMMANDS = new Set(['TransactWriteItemsCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);
const READ_COMMANDS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'ScanCommand', 'TransactGetItemsCommand']);

export interface AppendCost {
  readonly payload: string;
  readonly records: number;
  readonly writeCalls: number;
  readonly calls: Record<string, number>;
  /** Sizes of the items the request wrote (its segments and the partition's tail), in bytes. */
  readonly itemBytes: readonly number[];
  /** Write units of those items, twice the size-based units since they are written in one transaction. */
  readonly writeUnits: number;
}

export interface ReadCost {
  readonly bytes: number;
  readonly reads: number;
  readonly readCalls: number;
  readonly calls: Record<string, number>;
}

export interface ReadThroughput {
  readonly stored: string;
  readonly bytes: number;
  /** Median of interleaved passes, reading to the end through the API handler in-process (moto). */
  readonly megabytesPerSecond: number;
  /** This process's CPU per MB in that pass: the handler's work (SDK included), not moto's. */
  readonly cpuMsPerMB: number;
  /** Read units a strongly consistent Query of these segments costs per MB of records: 1 per 4 KB of items. */
  readonly readUnitsPerMB: number;
}

export interface StreamCosts {
  /** DynamoDB write calls for one warm produce request of 100 records of 100 bytes (target: 1). */
  readonly writeCallsPerRequest: number;
  /** Write capacity units per record of that request, from the sizes of the items written (target: ≤ 0.1). */
  readonly wcuPerRecord: number;
  /** Read calls per MB for a consumer reading ~1 MB up to the partition's end (target: 1). */
  readonly readCallsPerMB: number;
  /** The same for a consumer working through a 3 MB backlog: reads that stop short of the end also read the partition's tail. */
  readonly readCallsPerMBBacklog: number;
  /** Records a partition sustains within DynamoDB's 1,000 WCU/s per partition key (target: ≥ 3,000). */
  readonly recordsPerSecondPerPartition: number;
  readonly append: AppendCost;
  /** Requests of 1 and 500 event records, and of 100 random values (which compress badly). */
  readonly otherAppends: readonly AppendCost[];
  readonly read: ReadCost;
  readonly backlog: ReadCost;
  /** The same records read from compressed segments and from their copies stored as text (before compression). */
  readonly readThroughput: readonly ReadThroughput[];
}

/**
 * Stream costs as AWS calls counted on the handler's own clients (`counter`) and write units from
 * the sizes of the items written, read back from the table afterwards.
 */
export async function streamCosts(api: ApiClient, counter: CallCounter): Promise<StreamCosts> {
  const append = await appendCost(api, counter);
  const otherAppends = [
    await appendCost(api, counter, eventValues(1)),
    await appendCost(api, counter, eventValues(500)),
    await appendCost(api, counter, randomValues(100), 'random base64'),
  ];
  const read = await readCost(api, counter, 1);
  const backlog = await readCost(api, counter, 3);
  const wcuPerRecord = append.writeUnits / append.records;
  return {
    writeCallsPerRequest: append.writeCalls,
    wcuPerRecord,
    readCallsPerMB: read.readCalls / (read.bytes / MB),
    readCallsPerMBBacklog: backlog.readCalls / (backlog.bytes / MB),
    recordsPerSecondPerPartition: Math.floor(PARTITION_WCU_PER_SECOND / wcuPerRecord),
    append,
    otherAppends,
    read,
    backlog,
    readThroughput: await readThroughput(api),
  };
}

/** One warm produce request of keyless records with these values, by default 100 event records of ~100 bytes. */
export async function appendCost(api: ApiClient, counter: CallCounter, values: readonly unknown[] = eventValues(100), payload = 'events'): Promise<AppendCost> {
  const stream = await declaredStream(api, 'bench-append');
  const records = values.map((value) => ({ value }));
  await produce(api, stream, records); // warms the declaration and the partition's tail
  counter.reset();
  const [first] = await produce(api, stream, records);
  const calls = Object.fromEntries(counter.counts);
  const items = await itemsWritten(stream, first!.offset, records.length);
  const sizes = items.map(itemBytes);
  return {
    payload,
    records: records.length,
    writeCalls: sum(calls, WRITE_COMMANDS),
    calls,
    itemBytes: sizes,
    writeUnits: sizes.reduce((total, bytes) => total + writeUnits(bytes, { transactional: true }), 0),
  };
}

/**
 * A consumer reading `megabytes` MB of 1,100-byte records (900 to the MB) from offset 0 with the
 * largest page (1,000 records, 1 MiB), until the high watermark. With 1 MB, the records (and
 * their segments' own attributes) fit one Query page and the read reaches the end, which proves
 * the high watermark; reads of a longer backlog stop short of the end and also read the tail.
 */
export async function readCost(api: ApiClient, counter: CallCounter, megabytes: number): Promise<ReadCost> {
  const stream = await declaredStream(api, `bench-read-${megabytes}mb`);
  const record = { value: 'r'.repeat(1091) }; // packed as [null,"r…"]: 1,100 bytes
  for (let request = 0; request < megabytes * 9; request++) await produce(api, stream, Array.from({ length: 100 }, () => record));
  counter.reset();
  let bytes = 0;
  let reads = 0;
  for (let offset = 0, end = Infinity; offset < end; reads++) {
    const response = await api.get(`/v1/streams/${stream}/partitions/0/records?offset=${offset}&limit=1000`);
    if (response.status !== 200) throw new Error(`read answered ${response.status}: ${JSON.stringify(response.json)}`);
    bytes += response.json.records.reduce((total: number, { key, value }: { key: null; value: string }) => total + Buffer.byteLength(JSON.stringify([key, value])), 0);
    ({ nextOffset: offset, highWatermark: end } = response.json);
  }
  const calls = Object.fromEntries(counter.counts);
  return { bytes, reads, readCalls: sum(calls, READ_COMMANDS), calls };
}

/**
 * Reads 1 MB of event records (10,000, produced 100 a request) to the end, 1,000 a read, from
 * their compressed segments and from a copy of them stored as text, as segments were before
 * compression: five passes of each, interleaved, so both run on the same machine in the same state.
 */
export async function readThroughput(api: ApiClient): Promise<ReadThroughput[]> {
  const compressed = await declaredStream(api, 'bench-read-zstd');
  const values = eventValues(10_000);
  for (let first = 0; first < values.length; first += 100) await produce(api, compressed, values.slice(first, first + 100).map((value) => ({ value })));
  const text = await declaredStream(api, 'bench-read-text');
  const streams = { 'zstd 1 (now)': compressed, 'text (before)': text };
  const segmentBytes = await copyAsText(await partitionKeyOf(compressed), await partitionKeyOf(text));
  const passes: Array<{ stored: keyof typeof streams; bytes: number; seconds: number; cpuMs: number }> = [];
  for (let pass = 0; pass < 5; pass++) {
    for (const [stored, stream] of Object.entries(streams) as Array<[keyof typeof streams, string]>) passes.push({ stored, ...(await readToEnd(api, stream)) });
  }
  return (['text (before)', 'zstd 1 (now)'] as const).map((stored) => {
    const mine = passes.filter((pass) => pass.stored === stored);
    const median = (figure: (pass: (typeof mine)[number]) => number) => mine.map(figure).sort((a, b) => a - b)[2]!;
    const megabytes = mine[0]!.bytes / MB;
    return {
      stored,
      bytes: mine[0]!.bytes,
      megabytesPerSecond: megabytes / median((pass) => pass.seconds),
      cpuMsPerMB: median((pass) => pass.cpuMs) / megabytes,
      readUnitsPerMB: Math.ceil(segmentBytes[stored === 'text (before)' ? 'text' : 'compressed'] / 4096) / megabytes,
    };
  });
}

async function readToEnd(api: ApiClient, stream: string): Promise<{ bytes: number; seconds: number; cpuMs: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  let bytes = 0;
  for (let offset = 0, end = Infinity; offset < end; ) {
    const response = await api.get(`/v1/streams/${stream}/partitions/0/records?offset=${offset}&limit=1000`);
    if (response.status !== 200) throw new Error(`read answered ${response.status}: ${JSON.stringify(response.json)}`);
    bytes += response.json.records.reduce((total: number, { key, value }: { key: null; value: unknown }) => total + Buffer.byteLength(JSON.stringify([key, value])), 0);
    ({ nextOffset: offset, highWatermark: end } = response.json);
  }
  const { user, system } = process.cpuUsage(cpu);
  return { bytes, seconds: (performance.now() - start) / 1000, cpuMs: (user + system) / 1000 };
}

/**
 * Copies a partition's items (segments and tail) to another partition, the segments' records as
 * text; returns the bytes of the segment items before and after.
 */
async function copyAsText(from: string, to: string): Promise<{ compressed: number; text: number }> {
  const table = process.env[ApiEnvironment.streamRecordsTable];
  const sizes = { compressed: 0, text: 0 };
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk AND sk >= :first', ExpressionAttributeValues: { ':pk': { S: from }, ':first': { N: '0' } }, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    for (const item of page.Items ?? []) {
      const { c, r, ...rest } = item;
      const asText = c?.S === undefined ? item : { ...rest, r: { S: decompressRecords({ codec: c.S as SegmentCodec, bytes: r!.B! }) } };
      sizes.compressed += itemBytes(item as DynamoItem);
      sizes.text += itemBytes(asText as DynamoItem);
      await dynamodb.send(new PutItemCommand({ TableName: table, Item: { ...asText, pk: { S: to } } }));
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  const { Item: tail } = await dynamodb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: from }, sk: { N: String(TAIL_SORT_KEY) } }, ConsistentRead: true }));
  await dynamodb.send(new PutItemCommand({ TableName: table, Item: { ...tail, pk: { S: to } } }));
  return sizes;
}

async function declaredStream(api: ApiClient, label: string): Promise<string> {
  const stream = `${label}-${randomBytes(4).toString('hex')}`;
  const response = await api.put(`/v1/streams/${stream}`, { partitions: 1 });
  if (response.status !== 201) throw new Error(`declare answered ${response.status}: ${JSON.stringify(response.json)}`);
  return stream;
}

async function produce(api: ApiClient, stream: string, records: readonly unknown[]): Promise<Array<{ offset: number }>> {
  const response = await api.post(`/v1/streams/${stream}/records`, { records });
  if (response.status !== 200) throw new Error(`produce answered ${response.status}: ${JSON.stringify(response.json)}`);
  return response.json.results;
}

/** The records table's partition key of a stream's partition 0. */
async function partitionKeyOf(stream: string): Promise<string> {
  const { Item: declaration } = await dynamodb.send(
    new GetItemCommand({ TableName: process.env[ApiEnvironment.metadataTable], Key: { pk: { S: 'stream' }, sk: { S: stream } }, ConsistentRead: true }),
  );
  return partitionKey({ name: stream, incarnation: declaration!.incarnation!.S! }, 0);
}

/** The segments holding offsets [base, base + count) of partition 0, and the partition's tail, as stored. */
async function itemsWritten(stream: string, base: number, count: number): Promise<DynamoItem[]> {
  const pk = await partitionKeyOf(stream);
  const table = process.env[ApiEnvironment.streamRecordsTable];
  const [{ Items = [] }, { Item: tail }] = await Promise.all([
    dynamodb.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
        ExpressionAttributeValues: { ':pk': { S: pk }, ':first': { N: String(base) }, ':last': { N: String(base + count - 1) } },
        ConsistentRead: true,
      }),
    ),
    dynamodb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: pk }, sk: { N: String(TAIL_SORT_KEY) } }, ConsistentRead: true })),
  ]);
  return [...Items, tail!] as DynamoItem[];
}

const sum = (calls: Record<string, number>, names: ReadonlySet<string>): number =>
  Object.entries(calls).reduce((total, [name, count]) => total + (names.has(name) ? count : 0), 0);
