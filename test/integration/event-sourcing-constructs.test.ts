import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { outboxWrite } from '../../functions/consumer/outbox.ts';
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
});
