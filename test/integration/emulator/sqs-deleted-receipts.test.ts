import { CreateQueueCommand, DeleteMessageCommand, ReceiptHandleIsInvalid, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../../../local/index.ts';
import { startMotoServer, type RunningEmulator } from '../../../local/emulator/moto-server.ts';

// emulator/sqs_deleted_receipts.py: a queue remembers the receipt handles of its last 1,000 deletes,
// here (a moto of its own) of its last 3.
const region = 'us-east-1';
let moto: RunningEmulator;
let sqs: SQSClient;

beforeAll(async () => {
  moto = await startMotoServer({ env: { POSTROOM_EMULATOR_SQS_DELETED_RECEIPTS: '3' } });
  sqs = new SQSClient(clientConfig({ endpoint: moto.endpoint, region }));
});

afterAll(async () => {
  sqs?.destroy();
  await moto?.stop();
});

describe('deleting SQS messages on the emulator', () => {
  it('accepts a second delete of a recently deleted message and forgets the handles of older deletes', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'acked' }));
    const handles: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: String(i) }));
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
      handles.push(Messages[0]!.ReceiptHandle!);
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages[0]!.ReceiptHandle }));
    }
    for (const handle of handles.slice(1)) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: handle }));
    await expect(sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: handles[0] }))).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
  });
});
