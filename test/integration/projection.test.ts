import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { beforeAll, expect, inject, it } from 'vitest';
import { appliedVersionAttribute, postroomProjection, type LoggedEvent } from '../../functions/consumer/projection.ts';
import type { StreamConsumerEvent } from '../../functions/consumer/stream-consumer.ts';
import { clientConfig } from '../../local/index.ts';
import { append, declareStore } from '../support/event-store-api.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';
import { readAll } from '../support/stream-api.ts';

// The projection helper against the emulator's DynamoDB: the store's log, read over the API, is
// delivered to it as a StreamConsumer's dispatcher would, in batches, with redeliveries.
let queueApi: QueueApi;
const documents = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig({ endpoint: inject('awsEndpoint'), region: 'us-east-1' })));
const ACCOUNTS = 10;
const EVENTS = 1_000;
const PARTITIONS = 2;
let store: string;
/** The log, delivery by delivery (up to 100 records of one partition each). */
let deliveries: StreamConsumerEvent[];
/** Every account's events in version order. */
let streams: Map<string, LoggedEvent[]>;

beforeAll(async () => {
  queueApi = await startQueueApi();
  store = queueApi.uniqueName('projected');
  await declareStore(queueApi.api, store, { partitions: PARTITIONS });
  // 1,000 events in appends of 100: deposits, withdrawals and an old schema version of deposits.
  const events = Array.from({ length: EVENTS }, (_, index) => {
    const amount = (index * 37) % 90 + 1;
    if (index % 7 === 3) return { type: 'MoneyWithdrawn', data: { amount } };
    return index % 5 === 0 ? { type: 'MoneyDeposited', schemaVersion: 1, data: { cents: amount * 100 } } : { type: 'MoneyDeposited', schemaVersion: 2, data: { amount } };
  });
  for (let first = 0; first < EVENTS; first += 100) {
    await append(queueApi.api, store, `account-${(first / 100) % ACCOUNTS}`, { events: events.slice(first, first + 100) });
  }
  deliveries = [];
  streams = new Map();
  for (let partition = 0; partition < PARTITIONS; partition++) {
    const records = await readAll(queueApi.api, `${store}.events`, partition);
    for (let start = 0; start < records.length; start += 100) {
      deliveries.push({ stream: `${store}.events`, incarnation: 'i', group: 'balances', partition, records: records.slice(start, start + 100) as StreamConsumerEvent['records'] });
    }
    for (const { value } of records) {
      const event = value as LoggedEvent;
      streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
    }
  }
  expect([...streams.values()].flat()).toHaveLength(EVENTS);
});

async function readModelTable(label: string): Promise<string> {
  const TableName = `${label}-${randomBytes(3).toString('hex')}`;
  await documents.send(
    new CreateTableCommand({ TableName, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }),
  );
  return TableName;
}

async function scan(TableName: string) {
  const { Items = [] } = await documents.send(new ScanCommand({ TableName, ConsistentRead: true }));
  return new Map(Items.map((item) => [item.id as string, item]));
}

const upcasters = { MoneyDeposited: { 1: (data: { cents: number }) => ({ amount: data.cents / 100 }) } };
const signed = (event: LoggedEvent) => (event.type === 'MoneyWithdrawn' ? -1 : 1) * (event.data as { amount: number }).amount;
type Balance = { balance: number; events: number };
/** An event's amount with its sign, version 1 deposits (cents) lifted by hand. */
const upcastByHand = (event: LoggedEvent) => (event.type === 'MoneyDeposited' && event.schemaVersion === 1 ? (event.data as { cents: number }).cents / 100 : signed(event));
const reduce = (model: Balance | undefined, event: LoggedEvent): Balance => ({ balance: (model?.balance ?? 0) + signed(event), events: (model?.events ?? 0) + 1 });

/** What the read model must be: each account's events folded from nothing, old versions upcast by hand. */
function folded(): Map<string, Balance & { lastVersion: number }> {
  return new Map(
    [...streams].map(([streamId, events]) => {
      const balance = events.reduce((sum, event) => sum + upcastByHand(event), 0);
      return [streamId, { balance, events: events.length, lastVersion: events.at(-1)!.version }];
    }),
  );
}

it('folds 1,000 events into the read model exactly as a fold of the events, though deliveries come again', { timeout: 60_000 }, async () => {
  const tableName = await readModelTable('balances');
  const project = postroomProjection<Balance>({ tableName, upcasters, client: documents, reduce });
  for (const [index, delivery] of deliveries.entries()) {
    expect(await project(delivery)).toEqual({ batchItemFailures: [] });
    // A crash between the writes and the commit: the dispatcher delivers the same records again.
    if (index % 3 === 0) expect(await project(delivery)).toEqual({ batchItemFailures: [] });
    // A delivery from the middle of an earlier batch (a retry after a partial failure).
    if (index % 4 === 1) expect(await project({ ...delivery, records: delivery.records.slice(40) })).toEqual({ batchItemFailures: [] });
  }

  const items = await scan(tableName);
  expect(items.size).toBe(ACCOUNTS);
  for (const [streamId, { balance, events, lastVersion }] of folded()) {
    expect(items.get(streamId), streamId).toEqual({ id: streamId, balance, events, [appliedVersionAttribute(streamId)]: lastVersion, 'postroom:revision': expect.any(Number) });
  }
});

it('applies explicit updates once per event, one item folding several streams', { timeout: 60_000 }, async () => {
  const tableName = await readModelTable('totals');
  const project = postroomProjection({
    tableName,
    upcasters,
    client: documents,
    update: (event) => ({ key: { id: 'bank' }, updateExpression: 'SET balance = if_not_exists(balance, :zero) + :amount ADD eventCount :one', expressionAttributeValues: { ':zero': 0, ':amount': signed(event), ':one': 1 } }),
  });
  // Each update is one call to one hot item: a delivery, and the same delivery again in part.
  const delivery = { ...deliveries[0]!, records: deliveries[0]!.records.slice(0, 60) };
  expect(await project({ ...delivery, records: delivery.records.slice(0, 40) })).toEqual({ batchItemFailures: [] });
  expect(await project(delivery)).toEqual({ batchItemFailures: [] });

  const bank = (await scan(tableName)).get('bank')!;
  const events = delivery.records.map(({ value }) => value as LoggedEvent);
  expect(bank.balance).toBe(events.reduce((sum, event) => sum + upcastByHand(event), 0));
  expect(bank.eventCount).toBe(events.length);
  for (const event of events) expect(bank[appliedVersionAttribute(event.streamId)]).toBeGreaterThanOrEqual(event.version);
});

it('reports the records from the first that failed on, and applies them once when they come again', { timeout: 60_000 }, async () => {
  const tableName = await readModelTable('failing');
  let failing = true;
  const delivery = deliveries[0]!;
  const poisoned = delivery.records[50]!.value as LoggedEvent;
  const project = postroomProjection<Balance>({
    tableName,
    upcasters,
    client: documents,
    reduce: (model, event) => {
      if (failing && event.streamId === poisoned.streamId && event.version === poisoned.version) throw new Error('reducer failed');
      return reduce(model, event);
    },
  });
  const { batchItemFailures } = await project(delivery);
  const failedFrom = Math.min(...batchItemFailures.map(({ itemIdentifier }) => Number(itemIdentifier)));
  expect(failedFrom).toBeLessThanOrEqual(delivery.records[50]!.offset);
  expect(batchItemFailures.map(({ itemIdentifier }) => Number(itemIdentifier))).toEqual(delivery.records.map(({ offset }) => offset).filter((offset) => offset >= failedFrom));

  failing = false;
  expect(await project({ ...delivery, records: delivery.records.filter(({ offset }) => offset >= failedFrom) })).toEqual({ batchItemFailures: [] });
  const items = await scan(tableName);
  for (const streamId of new Set(delivery.records.map(({ value }) => (value as LoggedEvent).streamId))) {
    const events = delivery.records.map(({ value }) => value as LoggedEvent).filter((event) => event.streamId === streamId).map((event) => upcastByHand(event));
    expect(items.get(streamId)?.balance, streamId).toBe(events.reduce((sum, amount) => sum + amount, 0));
  }
});


it('shows a projection’s position and lag per log partition from its consumer group’s commits', async () => {
  const path = `/v1/event-stores/${store}/projections/balances`;
  const ends = await Promise.all(Array.from({ length: PARTITIONS }, async (_, partition) => (await queueApi.api.get(`/v1/streams/${store}.events/partitions/${partition}/records?offset=0&limit=1`)).json.highWatermark as number));
  const before = await queueApi.api.get(path);
  expect(before.status).toBe(200);
  expect(before.json).toEqual({
    store,
    name: 'balances',
    group: 'projection.balances',
    lag: EVENTS,
    partitions: ends.map((highWatermark, partition) => ({ partition, position: 0, highWatermark, lag: highWatermark })),
    rebuild: null,
  });

  // What a Projection's dispatcher commits after applying partition 0 to its end and partition 1 in part.
  const committed = await queueApi.api.post(`/v1/streams/${store}.events/groups/projection.balances/offsets`, { offsets: [{ partition: 0, offset: ends[0] }, { partition: 1, offset: 5 }] });
  expect(committed.status).toBeLessThan(300);
  const after = (await queueApi.api.get(path)).json;
  expect(after.partitions).toEqual([
    { partition: 0, position: ends[0], highWatermark: ends[0], lag: 0 },
    { partition: 1, position: 5, highWatermark: ends[1], lag: ends[1]! - 5 },
  ]);
  expect(after.lag).toBe(ends[1]! - 5);

  expect((await queueApi.api.get(`/v1/event-stores/${store}/projections/a%20b`)).json.code).toBe('invalid_projection_name');
  expect((await queueApi.api.get(`/v1/event-stores/${queueApi.uniqueName('none')}/projections/balances`)).json.code).toBe('event_store_not_found');
});
