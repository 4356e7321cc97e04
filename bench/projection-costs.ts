import { randomBytes } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { PostroomClient } from '../client/postroom-client.ts';
import { outboxWrite } from '../functions/consumer/outbox.ts';
import { postroomProjection, type LoggedEvent } from '../functions/consumer/projection.ts';
import type { StreamConsumerEvent } from '../functions/consumer/stream-consumer.ts';
import { outboxPublisher } from '../functions/outbox-relay/outbox-publisher.ts';
import { OutboxRelay } from '../functions/outbox-relay/outbox-relay.ts';
import { countCalls, type CallCounter } from '../testing/aws-call-counter.ts';
import type { ApiClient } from '../testing/handler-harness.ts';

export interface ApplyCost {
  readonly scenario: string;
  readonly events: number;
  /** DynamoDB calls by command. */
  readonly calls: Record<string, number>;
}

export interface RelayCost {
  readonly messages: number;
  readonly aggregates: number;
  /** The relay's own DynamoDB calls by command (the API's are the publish's, counted elsewhere). */
  readonly relayCalls: Record<string, number>;
  readonly apiRequests: number;
  /** The API's AWS calls for those requests (idempotent publishes to a queue). */
  readonly apiAwsCalls: Record<string, number>;
}

const deposit = (amount: number) => ({ type: 'MoneyDeposited', data: { amount, note: 'x'.repeat(70) } });

async function table(dynamodb: DynamoDBClient, keys: Array<[string, 'HASH' | 'RANGE']>): Promise<string> {
  const TableName = `bench-${randomBytes(3).toString('hex')}`;
  await dynamodb.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: keys.map(([AttributeName, KeyType]) => ({ AttributeName, KeyType })),
      AttributeDefinitions: keys.map(([AttributeName]) => ({ AttributeName, AttributeType: 'S' })),
    }),
  );
  return TableName;
}

/**
 * A projection's DynamoDB calls per delivery of 100 log records (~100-byte events): reduced when
 * all are one account's, reduced when they are ten accounts', and as explicit updates.
 */
export async function projectionApplyCosts(api: ApiClient, counter: CallCounter, dynamodb: DynamoDBClient): Promise<ApplyCost[]> {
  const documents = DynamoDBDocumentClient.from(dynamodb);
  const store = `bench-projection-${randomBytes(3).toString('hex')}`;
  await api.put(`/v1/event-stores/${store}`, { partitions: 1 });
  const delivery = async (streams: number): Promise<StreamConsumerEvent> => {
    const prefix = randomBytes(3).toString('hex');
    for (let stream = 0; stream < streams; stream++) {
      await api.post(`/v1/event-stores/${store}/streams/${prefix}-${stream}/events`, { events: Array.from({ length: 100 / streams }, (_, i) => deposit(i + 1)) });
    }
    const { json } = await api.get(`/v1/streams/${store}.events/partitions/0/records?offset=0&limit=1000`);
    const records = (json.records as StreamConsumerEvent['records'][number][]).filter(({ value }) => (value as LoggedEvent).streamId.startsWith(prefix));
    return { stream: `${store}.events`, incarnation: 'i', group: 'bench', partition: 0, records };
  };
  const reduce = (model: { balance: number } | undefined, event: LoggedEvent) => ({ balance: (model?.balance ?? 0) + (event.data as { amount: number }).amount });
  const costs: ApplyCost[] = [];
  const measure = async (scenario: string, project: (event: StreamConsumerEvent) => Promise<unknown>, event: StreamConsumerEvent) => {
    counter.reset();
    await project(event);
    costs.push({ scenario, events: event.records.length, calls: Object.fromEntries(counter.counts) });
  };
  const oneAccount = await delivery(1);
  const tenAccounts = await delivery(10);
  const reduced = postroomProjection({ tableName: await table(dynamodb, [['id', 'HASH']]), client: documents, reduce });
  await measure('reduce, 1 account', reduced, oneAccount);
  await measure('reduce, 10 accounts', reduced, tenAccounts);
  await measure('reduce, the same delivery again', reduced, tenAccounts);
  const updated = postroomProjection({
    tableName: await table(dynamodb, [['id', 'HASH']]),
    client: documents,
    update: (event) => ({ key: { id: event.streamId }, updateExpression: 'ADD balance :amount', expressionAttributeValues: { ':amount': (event.data as { amount: number }).amount } }),
  });
  await measure('update, 10 accounts', updated, tenAccounts);
  return costs;
}

/**
 * The outbox relay's calls for one batch of stream records: `aggregates` aggregates with
 * `perAggregate` messages each (one transaction per message), relayed to a queue. The relay gets a
 * DynamoDB client of its own, counted apart from the API's (whose calls are the publishes').
 */
export async function outboxRelayCost(api: ApiClient, counter: CallCounter, apiFetch: (request: Request) => Promise<Response>, aggregates = 10, perAggregate = 10): Promise<RelayCost> {
  const relayDynamodb = new DynamoDBClient({});
  const relayCounter = countCalls([relayDynamodb], { name: 'benchOutboxRelayCounter' });
  const documents = DynamoDBDocumentClient.from(relayDynamodb);
  const tableName = await table(relayDynamodb, [['pk', 'HASH'], ['sk', 'RANGE']]);
  const queue = `bench-outbox-${randomBytes(3).toString('hex')}`;
  await api.put(`/v1/queues/${queue}`);
  const records: DynamoDBRecord[] = [];
  for (let message = 0; message < perAggregate; message++) {
    for (let aggregate = 0; aggregate < aggregates; aggregate++) {
      const key = { pk: `a-${aggregate}`, sk: 'outbox' };
      await documents.send(new TransactWriteCommand({ TransactItems: [outboxWrite({ tableName, key, messages: [{ id: `${aggregate}-${message}`, body: { aggregate, message } }] })] }));
      // The record the table's stream carries: the relay looks at its keys and whether it added an entry.
      records.push({ eventName: 'MODIFY', dynamodb: { Keys: marshall(key), NewImage: { ...marshall(key), postroomOutbox: { L: [{ M: { id: { S: `${aggregate}-${message}` } } }] } }, SequenceNumber: String(records.length + 1) } } as DynamoDBRecord);
    }
  }
  let apiRequests = 0;
  const postroom = new PostroomClient({ endpoint: 'http://127.0.0.1:1', fetch: (request) => (apiRequests++, apiFetch(request)) });
  const relay = new OutboxRelay({ documents, tableName, publish: outboxPublisher(postroom.raw, { kind: 'queue', name: queue }) });
  relayCounter.reset();
  counter.reset();
  const { batchItemFailures } = await relay.relay(records);
  if (batchItemFailures.length > 0) throw new Error('the relay failed');
  const cost = { messages: aggregates * perAggregate, aggregates, relayCalls: Object.fromEntries(relayCounter.counts), apiRequests, apiAwsCalls: Object.fromEntries(counter.counts) };
  relayDynamodb.destroy();
  return cost;
}
