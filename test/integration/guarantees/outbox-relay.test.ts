import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { beforeAll, expect, inject, it } from 'vitest';
import { PostroomClient } from '../../../client/postroom-client.ts';
import { outboxWrite } from '../../../functions/consumer/outbox.ts';
import { outboxPublisher } from '../../../functions/outbox-relay/outbox-publisher.ts';
import { OutboxRelay } from '../../../functions/outbox-relay/outbox-relay.ts';
import { clientConfig } from '../../../local/index.ts';
import { dynamodbStreamRecord } from '../../../local/event-sources/dynamodb-stream-record.ts';
import { handlerFetch } from '../../../testing/handler-harness.ts';
import { failAfterRandomly, failRandomly } from '../../support/aws-fault-injection.ts';
import { faultRandom } from '../../support/fault-injection/fault-run.ts';
import { startQueueApi, type QueueApi } from '../../support/queue-api.ts';
import { declareStream, readAll } from '../../support/stream-api.ts';

// The outbox relay under crashes: state changes write their messages to an outbox item in the same
// transaction; the relay, driven by the table's DynamoDB stream as Lambda drives it (a failed batch
// comes again from the record it names), crashes before and after its publishes and its removals.
// Every message is published exactly once, in order per aggregate, and every outbox item is gone.
let queueApi: QueueApi;
const aws = clientConfig({ endpoint: inject('awsEndpoint'), region: 'us-east-1' });
const documents = DynamoDBDocumentClient.from(new DynamoDBClient(aws));
const streams = new DynamoDBStreamsClient(aws);
const { random } = faultRandom('outbox relay');
const AGGREGATES = 5;
const CHANGES = 30;

/** fetch into the in-process API handler, as the relay's PostroomClient sends it. */
let apiFetch: (request: Request) => Promise<Response>;
/** Requests the relay sent to the API: each message once, and once more for each crash around it. */
let requests = 0;

beforeAll(async () => {
  queueApi = await startQueueApi();
  const { handler } = await import('../../../functions/api/handler.ts');
  apiFetch = handlerFetch(handler);
});

async function teamTable(): Promise<{ tableName: string; streamArn: string }> {
  const tableName = `accounts-${randomBytes(3).toString('hex')}`;
  const { TableDescription } = await documents.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  return { tableName, streamArn: TableDescription!.LatestStreamArn! };
}

/** A state change and its message in one transaction: the aggregate's counter moves from `change - 1` to `change`. */
async function change(tableName: string, aggregate: string, change: number): Promise<void> {
  await documents.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: { pk: aggregate, sk: 'state', change },
            ConditionExpression: change === 0 ? 'attribute_not_exists(pk)' : '#change = :previous',
            ...(change > 0 && { ExpressionAttributeNames: { '#change': 'change' }, ExpressionAttributeValues: { ':previous': change - 1 } }),
          },
        },
        outboxWrite({ tableName, key: { pk: aggregate, sk: 'outbox' }, messages: [{ id: `${aggregate}-${change}`, key: aggregate, body: { aggregate, change } }] }),
      ],
    }),
  );
}

/** Runs the relay over the table's stream as Lambda would, from where it stopped, until the stream has nothing new. */
async function drain(relay: OutboxRelay, streamArn: string, iterators: Map<string, string>): Promise<void> {
  if (iterators.size === 0) {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const { ShardId } of StreamDescription!.Shards!) {
      const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      iterators.set(ShardId!, ShardIterator!);
    }
  }
  for (let busy = true; busy; ) {
    busy = false;
    for (const [shardId, iterator] of iterators) {
      const { Records = [], NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10 }));
      if (Records.length > 0) busy = true;
      await untilDone(relay, Records, streamArn);
      iterators.set(shardId, NextShardIterator!);
    }
  }
}

async function untilDone(relay: OutboxRelay, records: readonly _Record[], streamArn: string): Promise<void> {
  for (let pending = records; pending.length > 0; ) {
    const failed = await relay.relay(pending.map((record) => dynamodbStreamRecord(record, streamArn))).catch(() => ({ batchItemFailures: [{ itemIdentifier: pending[0]!.dynamodb!.SequenceNumber! }] }));
    const from = failed.batchItemFailures[0]?.itemIdentifier;
    pending = from === undefined ? [] : pending.slice(pending.findIndex((record) => record.dynamodb!.SequenceNumber === from));
  }
}

/** The relay's fetch, crashing before a request is sent or after its answer came (the publish happened, the relay does not know). */
function crashingFetch(rate: number): (request: Request) => Promise<Response> {
  return async (request) => {
    requests++;
    if (random() < rate) throw new TypeError('injected crash before the publish');
    const response = await apiFetch(request);
    if (random() < rate) throw new TypeError('injected crash after the publish');
    return response;
  };
}

it(`publishes each of ${AGGREGATES * CHANGES} outbox messages exactly once, in order per aggregate, through relay crashes`, { timeout: 120_000 }, async () => {
  const { tableName, streamArn } = await teamTable();
  const stream = queueApi.uniqueName('outboxed');
  await declareStream(queueApi.api, stream, { partitions: 1 });
  const relayDocuments = DynamoDBDocumentClient.from(new DynamoDBClient(aws));
  const postroom = new PostroomClient({ endpoint: 'http://127.0.0.1:1', fetch: crashingFetch(0.05), retry: false });
  const relay = new OutboxRelay({ documents: relayDocuments, tableName, publish: outboxPublisher(postroom.raw, { kind: 'stream', name: stream }) });
  const heal = [
    failRandomly(relayDocuments, 'GetItemCommand', random, 0.05),
    failAfterRandomly(relayDocuments, 'UpdateItemCommand', random, 0.2),
    failAfterRandomly(relayDocuments, 'DeleteItemCommand', random, 0.2),
  ];

  // Changes and relay runs interleave, so removals meet appends made since the relay's read.
  const iterators = new Map<string, string>();
  for (let step = 0; step < CHANGES; step += 10) {
    for (let next = step; next < step + 10; next++) {
      await Promise.all(Array.from({ length: AGGREGATES }, (_, aggregate) => change(tableName, `account-${aggregate}`, next)));
    }
    await drain(relay, streamArn, iterators);
  }
  for (const undo of heal) undo();
  console.info(`outbox relay: ${requests} publish requests for ${AGGREGATES * CHANGES} messages`);

  const published = (await readAll(queueApi.api, stream, 0)).map(({ key, value }) => ({ key, ...(value as { aggregate: string; change: number }) }));
  expect(published).toHaveLength(AGGREGATES * CHANGES);
  for (let aggregate = 0; aggregate < AGGREGATES; aggregate++) {
    const own = published.filter(({ aggregate: name }) => name === `account-${aggregate}`);
    expect(own.map(({ change }) => change)).toEqual(Array.from({ length: CHANGES }, (_, index) => index));
    expect(new Set(own.map(({ key }) => key))).toEqual(new Set([`account-${aggregate}`]));
  }
  const { Items = [] } = await documents.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
  expect(Items.filter(({ sk }) => sk === 'outbox')).toEqual([]);
});
