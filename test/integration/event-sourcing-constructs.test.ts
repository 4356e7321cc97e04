import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { outboxWrite } from '../../functions/consumer/outbox.ts';
import { packEvents } from '../../functions/core/event-store/event-codec.ts';
import { clientConfig, startLocalRuntime, synthesize, type LocalRuntime } from '../../local/index.ts';

// The fixture app (test/fixtures/event-sourcing-app.ts) run by the local runtime from its
// synthesized template: a Projection fed by the store's log through the records table's stream
// and a StreamConsumer, and a PostroomOutbox relaying a team table's stream to an exchange.
const endpoint = inject('awsEndpoint');
const aws = clientConfig({ endpoint, region: 'us-east-1' });
const stackName = `EventSourcingTest-${randomBytes(3).toString('hex')}`;
const assemblyDir = mkdtempSync(join(tmpdir(), 'event-sourcing-assembly-'));
const documents = DynamoDBDocumentClient.from(new DynamoDBClient(aws));
let runtime: LocalRuntime;

function physicalId(type: string, logicalIdPrefix: string): string {
  const found = [...runtime.stacks[0]!.resources].find(([logicalId, resource]) => resource.type === type && logicalId.startsWith(logicalIdPrefix));
  if (!found) throw new Error(`no ${type} ${logicalIdPrefix}* in the fixture stack`);
  return found[1].physicalId;
}

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${runtime.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return response.json() as Promise<any>;
}

async function problem(method: string, path: string) {
  const response = await fetch(`${runtime.url}${path}`, { method });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as any };
}

const readModel = () => physicalId('AWS::DynamoDB::Table', 'BalancesProjectionReadModel');
const balanceOf = async (id: string) => (await documents.send(new GetCommand({ TableName: readModel(), Key: { id }, ConsistentRead: true }))).Item;

/** Asks for a rebuild (202) and waits until the projection's description says it is done and has no lag. */
async function rebuild(): Promise<any> {
  const started = await api('POST', '/v1/event-stores/bank/projections/balances/rebuild');
  expect(started.rebuild).toMatchObject({ state: 'running', streams: 0, events: 0, finishedAt: null });
  const done = await eventually(
    () => api('GET', '/v1/event-stores/bank/projections/balances'),
    (body) => body.rebuild.state === 'done' && body.lag === 0,
    120_000,
  );
  expect(done.rebuild).toMatchObject({ generation: started.rebuild.generation, state: 'done' });
  return done;
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 40_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

beforeAll(async () => {
  await synthesize({ app: 'npx tsx test/fixtures/event-sourcing-app.ts', outDir: assemblyDir, context: { stackName, 'postroom:examples': 'false' } });
  runtime = await startLocalRuntime({ assemblyDir, endpoint, port: 0, stacks: [stackName], log: () => undefined });
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(assemblyDir, { recursive: true, force: true });
});

describe('event sourcing constructs run by the local runtime', () => {
  it('keeps the balances projection of the store’s log, and shows its position', async () => {
    await api('PUT', '/v1/event-stores/bank', { partitions: 2 });
    await api('POST', '/v1/event-stores/bank/streams/account-1/events', { events: [{ type: 'MoneyDeposited', schemaVersion: 1, data: { cents: 10_000 } }, { type: 'MoneyDeposited', schemaVersion: 2, data: { amount: 50 } }] });
    await api('POST', '/v1/event-stores/bank/streams/account-2/events', { events: [{ type: 'MoneyDeposited', schemaVersion: 2, data: { amount: 7 } }] });
    await api('POST', '/v1/event-stores/bank/streams/account-1/events', { expectedVersion: 1, events: [{ type: 'MoneyWithdrawn', data: { amount: 30 } }] });

    const table = physicalId('AWS::DynamoDB::Table', 'BalancesProjectionReadModel');
    const balance = (id: string) => async () => (await documents.send(new GetCommand({ TableName: table, Key: { id }, ConsistentRead: true }))).Item;
    expect(await eventually(balance('account-1'), (item) => item?.balance === 120)).toMatchObject({ id: 'account-1', balance: 120, 'postroom:applied:account-1': 2 });
    expect(await eventually(balance('account-2'), (item) => item?.balance === 7)).toMatchObject({ balance: 7 });

    const position = await eventually(
      () => api('GET', '/v1/event-stores/bank/projections/balances'),
      (body) => body.lag === 0,
    );
    expect(position).toMatchObject({ group: 'projection.balances', lag: 0 });
    expect(position.partitions.reduce((sum: number, { position }: { position: number }) => sum + position, 0)).toBe(4);
  });

  it('relays a state change’s outbox messages to the exchange, in order, and removes the outbox item', async () => {
    const TableName = physicalId('AWS::DynamoDB::Table', 'Accounts');
    for (const [change, amount] of [[1, 5_000], [2, 7_000]] as const) {
      await documents.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { pk: 'account-9', sk: 'state', change } } },
            outboxWrite({ tableName: TableName, key: { pk: 'account-9', sk: 'outbox' }, messages: [{ id: `withdrawal-${change}`, body: { account: 'account-9', amount }, routingKey: 'withdrawal.large' }] }),
          ],
        }),
      );
    }

    const received: any[] = [];
    await eventually(
      async () => received.push(...(await api('POST', '/v1/queues/notified/receive', { maxMessages: 10, waitSeconds: 1 })).messages),
      () => received.length >= 2,
    );
    expect(received.map((message) => [message.messageId, message.body])).toEqual([
      ['withdrawal-1', { account: 'account-9', amount: 5_000 }],
      ['withdrawal-2', { account: 'account-9', amount: 7_000 }],
    ]);
    const outbox = await eventually(async () => (await documents.send(new GetCommand({ TableName, Key: { pk: 'account-9', sk: 'outbox' }, ConsistentRead: true }))).Item, (item) => item === undefined);
    expect(outbox).toBeUndefined();
  });

  it('rebuilds the projection from every event of the store, also those its log no longer holds, in a new generation', async () => {
    // History older than the log's retention: in the store's table, never in the log (as after the log's segments expired).
    const { Item: store } = await documents.send(new GetCommand({ TableName: physicalId('AWS::DynamoDB::Table', 'MetadataTable'), Key: { pk: 'event-store', sk: 'bank' }, ConsistentRead: true }));
    const old = (streamId: string, amounts: number[]) => {
      const pk = `bank#${store!.incarnation}#${streamId}`;
      const events = amounts.map((amount, version) => ({ eventId: `${streamId}-${version}`, idGiven: true, type: 'MoneyDeposited', schemaVersion: 2, data: { amount }, metadata: {} }));
      const ts = Date.parse('2026-01-01T00:00:00Z');
      return [
        { PutRequest: { Item: { pk, sk: -1, version: amounts.length - 1, ts } } },
        { PutRequest: { Item: { pk, sk: amounts.length - 1, first: 0, ts, e: packEvents(events).json } } },
      ];
    };
    await documents.send(new BatchWriteCommand({ RequestItems: { [physicalId('AWS::DynamoDB::Table', 'EventStoreTable')]: [...old('account-old-1', [10, 20]), ...old('account-old-2', [5])] } }));
    // A read model gone wrong (a reducer's bug, say): the rebuild does not build on it.
    await documents.send(new PutCommand({ TableName: readModel(), Item: { ...(await balanceOf('account-1')), balance: -1 } }));
    expect(await balanceOf('account-old-1')).toBeUndefined();

    const done = await rebuild();
    expect(done.rebuild).toMatchObject({ generation: 1, streams: 4, events: 7 });
    expect(await balanceOf('account-1')).toMatchObject({ balance: 120, 'postroom:applied:account-1': 2, 'postroom:generation': 1 });
    expect(await balanceOf('account-2')).toMatchObject({ balance: 7, 'postroom:generation': 1 });
    expect(await balanceOf('account-old-1')).toMatchObject({ balance: 30, 'postroom:applied:account-old-1': 1, 'postroom:generation': 1 });
    expect(await balanceOf('account-old-2')).toMatchObject({ balance: 5, 'postroom:generation': 1 });

    // Live appends after it are applied in the new generation, from the log's position the rebuild set.
    await api('POST', '/v1/event-stores/bank/streams/account-old-2/events', { expectedVersion: 0, events: [{ type: 'MoneyWithdrawn', data: { amount: 2 } }] });
    expect(await eventually(() => balanceOf('account-old-2'), (item) => item?.balance === 3)).toMatchObject({ balance: 3, 'postroom:applied:account-old-2': 1, 'postroom:generation': 1 });
  }, 180_000);

  it('rebuilds during live appends, losing and doubling nothing', async () => {
    const accounts = ['live-1', 'live-2', 'live-3'];
    const deposits = 12;
    const appendAll = (from: number, to: number) =>
      Promise.all(
        accounts.map(async (account) => {
          for (let n = from; n < to; n++) await api('POST', `/v1/event-stores/bank/streams/${account}/events`, { events: [{ type: 'MoneyDeposited', schemaVersion: 2, data: { amount: n + 1 } }] });
        }),
      );
    await appendAll(0, 4);
    // The rest are appended while the rebuild runs (and some after it, as it goes).
    const [done] = await Promise.all([rebuild(), appendAll(4, deposits)]);
    expect(done.rebuild.generation).toBe(2);
    await eventually(() => api('GET', '/v1/event-stores/bank/projections/balances'), (body) => body.lag === 0);

    const expected = (deposits * (deposits + 1)) / 2;
    for (const account of accounts) {
      const item = await eventually(() => balanceOf(account), (found) => found?.balance === expected);
      expect(item).toMatchObject({ balance: expected, [`postroom:applied:${account}`]: deposits - 1, 'postroom:generation': 2 });
    }
  }, 180_000);

  it('answers a rebuild of a projection or store that does not exist with a problem', async () => {
    const noProjection = await problem('POST', '/v1/event-stores/bank/projections/ledger/rebuild');
    expect(noProjection).toMatchObject({ status: 404, type: 'application/problem+json', body: { code: 'projection_not_found' } });
    const noStore = await problem('POST', '/v1/event-stores/nowhere/projections/balances/rebuild');
    expect(noStore).toMatchObject({ status: 404, body: { code: 'event_store_not_found' } });
  });
});
