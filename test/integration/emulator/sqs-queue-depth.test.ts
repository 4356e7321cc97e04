import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { clientConfig } from '../../../local/index.ts';

// emulator/sqs_queue_depth.py makes sends and scans cost the same at any queue depth; these pin that
// the SQS behaviour those paths decide is unchanged.
const sqs = new SQSClient(clientConfig({ endpoint: inject('awsEndpoint'), region: 'us-east-1' }));
afterAll(() => sqs.destroy());

const queue = async (name: string, attributes: Record<string, string> = {}) =>
  (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-${randomUUID().slice(0, 8)}${attributes.FifoQueue ? '.fifo' : ''}`, Attributes: attributes }))).QueueUrl!;

const counts = async (QueueUrl: string) => {
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({
    QueueUrl,
    AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed', 'VisibilityTimeout'],
  }));
  return Attributes;
};

describe('SQS on the emulator at any queue depth', () => {
  it('counts ready, in-flight and delayed messages apart, in one GetQueueAttributes', async () => {
    const QueueUrl = await queue('depth-counts');
    await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: String(i) })) }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'later', DelaySeconds: 60 }));
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 3, VisibilityTimeout: 60 }));
    expect(Messages).toHaveLength(3);
    expect(await counts(QueueUrl)).toEqual({
      ApproximateNumberOfMessages: '7',
      ApproximateNumberOfMessagesNotVisible: '3',
      ApproximateNumberOfMessagesDelayed: '1',
      VisibilityTimeout: '30',
    });
    // A message made visible again is ready at once, and a receive takes only ready ones.
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: Messages[0]!.ReceiptHandle, VisibilityTimeout: 0 }));
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }));
    const bodies = again.Messages?.map((m) => m.Body) ?? [];
    expect(bodies).toHaveLength(8);
    expect(bodies).toContain(Messages[0]!.Body);
    expect(bodies).not.toContain(Messages[1]!.Body);
    expect(bodies).not.toContain(Messages[2]!.Body);
  });

  it('deduplicates a FIFO queue by content only when ContentBasedDeduplication is on', async () => {
    const byContent = await queue('depth-dedup', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    for (let i = 0; i < 2; i += 1) await sqs.send(new SendMessageCommand({ QueueUrl: byContent, MessageBody: 'same', MessageGroupId: 'g' }));
    expect((await counts(byContent)).ApproximateNumberOfMessages).toBe('1');

    const byId = await queue('depth-ids', { FifoQueue: 'true' });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: byId, MessageBody: 'same', MessageGroupId: 'g' }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: byId, MessageBody: 'same' }))).rejects.toMatchObject({ name: 'MissingParameter' });
  });
});
