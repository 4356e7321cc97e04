import { GetQueueAttributesCommand, GetQueueUrlCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiEnvironment } from '../../functions/api/environment.ts';
import { postroomSqsConsumer, postroomStreamConsumer, type PostroomMessage, type StreamConsumerEvent } from '../../functions/consumer/index.ts';
import { SqsQueueNaming } from '../../functions/core/sqs-queue-names.ts';
import { sqsRecordFromReceived } from '../fixtures/consumer-events.ts';
import { lambdaContext } from '../../testing/handler-harness.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';
import { declareStream, produce, readAll } from '../support/stream-api.ts';

let queueApi: QueueApi;
let clients: typeof import('../../functions/adapters/aws-clients.ts');
let tableName: string;
const run = randomBytes(3).toString('hex');
let prefixes = 0;
/** Each consumer its own key prefix, as two functions would have, so that the tests share no records. */
const keyPrefix = () => `consumer-${run}-${++prefixes}`;

beforeAll(async () => {
  queueApi = await startQueueApi();
  clients = await import('../../functions/adapters/aws-clients.ts');
  tableName = process.env[ApiEnvironment.idempotencyTable]!;
});

/** Publishes `messages` through the API and receives them from the SQS queue, as Lambda's event source would. */
async function sqsEventOf(messages: readonly Record<string, unknown>[]): Promise<SQSEvent> {
  const name = queueApi.uniqueName('consumer');
  expect((await queueApi.api.put(`/v1/queues/${name}`)).status).toBe(201);
  expect((await queueApi.api.post(`/v1/queues/${name}/messages`, { messages })).status).toBe(202);
  const { QueueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: new SqsQueueNaming(queueApi.prefix).namesFor(name).queue }));
  const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const received: Message[] = [];
  while (received.length < messages.length) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] }),
    );
    received.push(...Messages);
  }
  return { Records: received.map((message) => sqsRecordFromReceived(message, Attributes!.QueueArn!)) };
}

/** The consumer's records in the idempotency table. */
async function recordsUnder(prefix: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await clients.documents.send(
    new ScanCommand({ TableName: tableName, ConsistentRead: true, FilterExpression: 'begins_with(id, :prefix)', ExpressionAttributeValues: { ':prefix': `${prefix}#` } }),
  );
  return Items;
}

const byMessageId = (records: SQSEvent['Records'], id: string) => records.find((record) => JSON.parse(record.body).id === id)!;

describe('postroomSqsConsumer on the stack idempotency table', () => {
  it('reports the failed record, processes the others once, and on redelivery runs only the failed one', async () => {
    const event = await sqsEventOf(['a', 'b', 'c'].map((id) => ({ messageId: `${run}-${id}`, body: id })));
    const ledger: string[] = [];
    let failing = true;
    const prefix = keyPrefix();
    const handler = postroomSqsConsumer(
      (message: PostroomMessage) => {
        if (message.messageId.endsWith('-b') && failing) throw new Error('b failed');
        ledger.push(message.messageId);
        return { processed: message.messageId };
      },
      { tableName, keyPrefix: prefix },
    );

    const first = await handler(event, lambdaContext());
    failing = false;
    const redelivered = await handler(event, lambdaContext());
    const again = await handler(event, lambdaContext());

    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: byMessageId(event.Records, `${run}-b`).messageId }] });
    expect(redelivered).toEqual({ batchItemFailures: [] });
    expect(again).toEqual({ batchItemFailures: [] });
    expect(ledger.sort()).toEqual([`${run}-a`, `${run}-b`, `${run}-c`]);
    const stored = await recordsUnder(prefix);
    expect(stored.map(({ status, data }) => ({ status, data })).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))).toEqual(
      ['a', 'b', 'c'].map((id) => ({ status: 'COMPLETED', data: { processed: `${run}-${id}` } })),
    );
  });

  it('processes once per custom key', async () => {
    const event = await sqsEventOf([
      { messageId: `${run}-k1`, body: 1, headers: { orderId: 'order-7' } },
      { messageId: `${run}-k2`, body: 2, headers: { orderId: 'order-7' } },
      { messageId: `${run}-k3`, body: 3, headers: { orderId: 'order-8' } },
    ]);
    const ledger: string[] = [];
    const handler = postroomSqsConsumer((message: PostroomMessage) => void ledger.push(message.messageId), {
      tableName,
      keyPrefix: keyPrefix(),
      key: (message) => String(message.headers.orderId),
    });
    // Two batches, so that the two order-7 messages are never in progress at once.
    const [k1, k2, k3] = [`${run}-k1`, `${run}-k2`, `${run}-k3`].map((id) => byMessageId(event.Records, id));

    expect(await handler({ Records: [k1!, k3!] }, lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(await handler({ Records: [k2!] }, lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(ledger.sort()).toEqual([`${run}-k1`, `${run}-k3`]);
  });

  it('writes the in-progress expiry in milliseconds from the remaining time and the expiry in seconds', async () => {
    const event = await sqsEventOf([{ messageId: `${run}-clock`, body: 'tick' }]);
    const prefix = keyPrefix();
    let inProgress: Record<string, unknown> | undefined;
    const handler = postroomSqsConsumer(
      async () => {
        [inProgress] = await recordsUnder(prefix);
      },
      { tableName, keyPrefix: prefix, expiresAfterSeconds: 600 },
    );

    const before = Date.now();
    await handler(event, { ...lambdaContext(), getRemainingTimeInMillis: () => 45_000 });
    const after = Date.now();

    expect(inProgress).toMatchObject({ status: 'INPROGRESS' });
    expect(inProgress!.in_progress_expiration).toBeGreaterThanOrEqual(before + 45_000);
    expect(inProgress!.in_progress_expiration).toBeLessThanOrEqual(after + 45_000);
    const [completed] = await recordsUnder(prefix);
    expect(completed).toMatchObject({ status: 'COMPLETED' });
    expect(completed!.expiration).toBeGreaterThanOrEqual(Math.floor(before / 1000) + 600);
    expect(completed!.expiration).toBeLessThanOrEqual(Math.ceil(after / 1000) + 600);
  });
});

describe('postroomStreamConsumer on the stack idempotency table', () => {
  it('reports the failed record and those after it, and on the retry runs only those', async () => {
    const stream = queueApi.uniqueName('consumer-stream');
    await declareStream(queueApi.api, stream, { partitions: 1 });
    await produce(queueApi.api, stream, { records: [0, 1, 2].map((n) => ({ key: `k${n}`, value: { n } })) });
    // The dispatcher pushes records as `GET …/records` returns them.
    const records = (await readAll(queueApi.api, stream, 0)) as StreamConsumerEvent['records'];
    const event: StreamConsumerEvent = { stream, incarnation: 'first', group: 'billing', partition: 0, records };
    const ledger: number[] = [];
    let failing = true;
    const handler = postroomStreamConsumer(
      ({ offset }) => {
        if (offset === 1 && failing) throw new Error('1 failed');
        ledger.push(offset);
      },
      { tableName, keyPrefix: keyPrefix() },
    );

    const first = await handler(event, lambdaContext());
    failing = false;
    const retry = await handler(event, lambdaContext());

    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }, { itemIdentifier: '2' }] });
    expect(retry).toEqual({ batchItemFailures: [] });
    expect(ledger).toEqual([0, 1, 2]);
  });
});
