import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { dynamodb } from '../functions/adapters/aws-clients.ts';
import { ApiEnvironment } from '../functions/api/environment.ts';
import { conflictBackoffMs } from '../functions/core/backoff.ts';
import { itemBytes, writeUnits, type DynamoItem } from '../functions/core/dynamodb-item-size.ts';
import { eventStreamKey, HEAD_SORT_KEY } from '../functions/core/event-store/keys.ts';
import { partitionForKey } from '../functions/core/partitioning/key-partition.ts';
import { partitionKey, TAIL_SORT_KEY } from '../functions/core/streams/log-keys.ts';
import type { CallCounter } from '../testing/aws-call-counter.ts';
import type { ApiClient } from '../testing/handler-harness.ts';

export interface EventAppendCost {
  readonly events: number;
  readonly calls: Record<string, number>;
  /** Sizes of the items the append wrote: the stream's head and commit, the log's segment(s) and tail. */
  readonly itemBytes: readonly number[];
  /** Their write units, doubled as they are written in one transaction. */
  readonly writeUnits: number;
}

export interface EventStoreFigures {
  readonly appends: readonly EventAppendCost[];
  /** AWS calls of `GET …/state` for an aggregate with a snapshot and events after it (warm store declaration). */
  readonly aggregateLoad: { readonly calls: Record<string, number>; readonly events: number };
  /** Append response → event read from the log, over sequential appends: ms, and log reads it took. */
  readonly lag: { readonly appends: number; readonly p50Ms: number; readonly p99Ms: number; readonly maxReads: number };
  readonly deposits: DepositRun;
}

export interface DepositRun {
  readonly deposits: number;
  readonly writers: number;
  readonly seconds: number;
  readonly conflicts: number;
  readonly exact: boolean;
}

const PARTITIONS = 4;
const payload = (i: number) => ({ note: `${i}`.padEnd(80, '.') }); // {"note":"…"}: 91 bytes of data, ~100 bytes with its type

export async function eventStoreFigures(api: ApiClient, counter: CallCounter, deposits: number, writers: number): Promise<EventStoreFigures> {
  const appends = [await appendCost(api, counter, 1), await appendCost(api, counter, 10)];
  return { appends, aggregateLoad: await aggregateLoad(api, counter), lag: await logLag(api, 50), deposits: await depositRun(api, deposits, writers) };
}

async function appendCost(api: ApiClient, counter: CallCounter, events: number): Promise<EventAppendCost> {
  const store = await declaredStore(api, `bench-append-${events}`);
  await append(api, store, 'acc', { events: [{ type: 'Opened', data: payload(0) }] }); // warms the declarations and the log's tail
  counter.reset();
  const { firstVersion, lastVersion } = await append(api, store, 'acc', { expectedVersion: 0, events: Array.from({ length: events }, (_, i) => ({ type: 'Noted', data: payload(i) })) });
  const calls = Object.fromEntries(counter.counts);
  const sizes = (await itemsWritten(store, 'acc', firstVersion, lastVersion)).map(itemBytes);
  return { events, calls, itemBytes: sizes, writeUnits: sizes.reduce((total, bytes) => total + writeUnits(bytes, { transactional: true }), 0) };
}

/** 50 events, a snapshot at 44: the load reads the snapshot and the 5 events after it. */
async function aggregateLoad(api: ApiClient, counter: CallCounter) {
  const store = await declaredStore(api, 'bench-load');
  for (let i = 0; i < 5; i++) await append(api, store, 'acc', { events: Array.from({ length: 10 }, (_, n) => ({ type: 'Noted', data: payload(i * 10 + n) })) });
  await call(api.put(`/v1/event-stores/${store}/streams/acc/snapshot`, { version: 44, state: { notes: 45 } }), 200);
  counter.reset();
  const state = await call(api.get(`/v1/event-stores/${store}/streams/acc/state`), 200);
  return { calls: Object.fromEntries(counter.counts), events: state.events.length as number };
}

/**
 * The log is written in the append's own transaction: an event is readable from the log as soon as
 * its append has answered. Measured as the time from the append's response to the first log read
 * that returns it, polling from the offset the previous event took.
 */
async function logLag(api: ApiClient, appends: number) {
  const store = await declaredStore(api, 'bench-lag');
  const partition = partitionForKey('acc', PARTITIONS);
  const lags: number[] = [];
  let maxReads = 0;
  for (let i = 0, offset = 0; i < appends; i++, offset++) {
    await append(api, store, 'acc', { events: [{ type: 'Noted', data: payload(i) }] });
    const answered = performance.now();
    for (let reads = 1; ; reads++) {
      const page = await call(api.get(`/v1/streams/${store}.events/partitions/${partition}/records?offset=${offset}&limit=1`), 200);
      if (page.records.length > 0) {
        lags.push(performance.now() - answered);
        maxReads = Math.max(maxReads, reads);
        break;
      }
    }
  }
  lags.sort((a, b) => a - b);
  return { appends, p50Ms: lags[Math.floor(lags.length / 2)]!, p99Ms: lags[Math.min(lags.length - 1, Math.floor(lags.length * 0.99))]!, maxReads };
}

/** `writers` command handlers depositing 1..deposits into one account: read what is new, decide, append at that version, retry on 409 after a jittered backoff. */
export async function depositRun(api: ApiClient, deposits: number, writers: number): Promise<DepositRun> {
  const store = await declaredStore(api, 'bench-deposits');
  const path = `/v1/event-stores/${store}/streams/acc/events`;
  const started = performance.now();
  let next = 0;
  let conflicts = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      let version = -1;
      for (let deposit = next++; deposit < deposits; deposit = next++) {
        for (let lost = 0; ; ) {
          const read = await api.get(`${path}?fromVersion=${version + 1}&max=1000`);
          for (const event of read.status === 200 ? read.json.events : []) version = event.version;
          const answer = await api.post(path, { expectedVersion: version === -1 ? 'no_stream' : version, events: [{ type: 'MoneyDeposited', data: { amount: deposit + 1 } }] });
          if (answer.status === 201) break;
          if (answer.status !== 409) throw new Error(`append answered ${answer.status}: ${JSON.stringify(answer.json)}`);
          conflicts++;
          // As a command handler does: back off with jitter before reading again.
          await sleep(conflictBackoffMs(++lost));
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  let balance = 0;
  let count = 0;
  for (let from: number | null = 0; from !== null; ) {
    const page = await call(api.get(`${path}?fromVersion=${from}&max=1000`), 200);
    for (const event of page.events) balance += event.data.amount;
    count += page.events.length;
    from = page.nextVersion;
  }
  return { deposits, writers, seconds, conflicts, exact: count === deposits && balance === (deposits * (deposits + 1)) / 2 };
}

async function declaredStore(api: ApiClient, label: string): Promise<string> {
  const store = `${label}-${randomBytes(4).toString('hex')}`;
  await call(api.put(`/v1/event-stores/${store}`, { partitions: PARTITIONS }), 201);
  return store;
}

async function append(api: ApiClient, store: string, streamId: string, body: unknown): Promise<{ firstVersion: number; lastVersion: number }> {
  return call(api.post(`/v1/event-stores/${store}/streams/${streamId}/events`, body), 201);
}

async function call(pending: ReturnType<ApiClient['get']>, status: number) {
  const response = await pending;
  if (response.status !== status) throw new Error(`answered ${response.status}, not ${status}: ${JSON.stringify(response.json)}`);
  return response.json;
}

/** The stream's head and the commit ending at `lastVersion`; the log segment at the events' offset and the log partition's tail. */
async function itemsWritten(store: string, streamId: string, firstVersion: number, lastVersion: number): Promise<DynamoItem[]> {
  const metadata = process.env[ApiEnvironment.metadataTable];
  const declaration = async (pk: string, sk: string) =>
    (await dynamodb.send(new GetItemCommand({ TableName: metadata, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: true }))).Item!.incarnation!.S!;
  const events = process.env[ApiEnvironment.eventStoreTable];
  const records = process.env[ApiEnvironment.streamRecordsTable];
  const pk = eventStreamKey({ name: store, incarnation: await declaration('event-store', store) }, streamId);
  const logKey = partitionKey({ name: `${store}.events`, incarnation: await declaration('stream', `${store}.events`) }, partitionForKey(streamId, PARTITIONS));
  const get = async (table: string | undefined, key: string, sk: number) =>
    (await dynamodb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: key }, sk: { N: String(sk) } }, ConsistentRead: true }))).Item!;
  // The log holds only this stream's events, so its offsets are the versions.
  const { Items: segments = [] } = await dynamodb.send(
    new QueryCommand({
      TableName: records,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
      ExpressionAttributeValues: { ':pk': { S: logKey }, ':first': { N: String(firstVersion) }, ':last': { N: String(lastVersion) } },
      ConsistentRead: true,
    }),
  );
  return [await get(events, pk, HEAD_SORT_KEY), await get(events, pk, lastVersion), ...segments, await get(records, logKey, TAIL_SORT_KEY)] as DynamoItem[];
}
