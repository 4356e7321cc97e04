import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../../../local/index.ts';
import { startMotoServer, type RunningEmulator } from '../../../local/emulator/moto-server.ts';
import { residentBytes } from '../../../testing/process-memory.ts';

// emulator/moto_untracked_models.py: what moto overwrites or deletes is freed. A moto of its own,
// so that its memory is this file's alone. Each case passes 50 MB through the emulator and keeps
// none of it; moto 5.2.5 kept every item and message object it ever made (and every received copy).
const region = 'us-east-1';
const body = 'x'.repeat(250_000);
const rounds = 200;
let moto: RunningEmulator;
let dynamodb: DynamoDBClient;
let sqs: SQSClient;

beforeAll(async () => {
  moto = await startMotoServer();
  dynamodb = new DynamoDBClient(clientConfig({ endpoint: moto.endpoint, region }));
  sqs = new SQSClient(clientConfig({ endpoint: moto.endpoint, region }));
});

afterAll(async () => {
  dynamodb?.destroy();
  sqs?.destroy();
  await moto?.stop();
});

/** How much the emulator's resident memory grew while `work` ran, in MB. */
async function growthMB(work: () => Promise<void>): Promise<number> {
  const before = residentBytes(moto.pid)!;
  await work();
  return (residentBytes(moto.pid)! - before) / 2 ** 20;
}

describe("the emulator's memory holds what it stores, not what it has seen", () => {
  // 20 MB: the one stored item (and the allocator's slack) fits many times; 200 kept versions do not.
  it('frees an overwritten DynamoDB item: 200 overwrites of 250 KB grow it by < 20 MB', async () => {
    await dynamodb.send(new CreateTableCommand({
      TableName: 'overwrites', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST',
    }));
    const put = (round: number) => dynamodb.send(new PutItemCommand({ TableName: 'overwrites', Item: { pk: { S: 'one' }, body: { S: `${round}${body}` } } }));
    await put(0);
    expect(await growthMB(async () => {
      for (let round = 1; round <= rounds; round += 1) await put(round);
    })).toBeLessThan(20);
  });

  it('frees a deleted SQS message: 200 messages of 250 KB sent, received and deleted grow it by < 20 MB', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'deleted' }));
    expect(await growthMB(async () => {
      // 4 of 250 KB a batch: SQS takes at most 1 MiB a request.
      for (let sent = 0; sent < rounds; sent += 4) {
        await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: Array.from({ length: 4 }, (_, i) => ({ Id: String(i), MessageBody: `${sent + i}${body}` })) }));
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
        expect(Messages).toHaveLength(4);
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle })) }));
      }
    })).toBeLessThan(20);
  });
});
