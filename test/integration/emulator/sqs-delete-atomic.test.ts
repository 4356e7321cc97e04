import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { clientConfig } from '../../../local/index.ts';
import { mapWithConcurrency } from '../../../functions/core/concurrency.ts';

// emulator/sqs_delete_atomic.py: deletes in flight at once all stick (moto's own let one undo another).
const sqs = new SQSClient(clientConfig({ endpoint: inject('awsEndpoint'), region: 'us-east-1' }));
afterAll(() => sqs.destroy());

/** Messages received and then deleted, and messages left waiting: a long queue makes each delete's scan long. */
const RECEIVED = 300;
const WAITING = 2_000;

describe('deleting SQS messages at once on the emulator', () => {
  it('leaves none of the messages that concurrent DeleteMessageBatch calls deleted', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `deletes-${randomUUID().slice(0, 8)}` }));
    const send = async (count: number) => {
      for (let start = 0; start < count; start += 10) {
        await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: String(start + i) })) }));
      }
    };
    await send(RECEIVED);
    const handles: string[] = [];
    while (handles.length < RECEIVED) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }));
      handles.push(...Messages.map((message) => message.ReceiptHandle!));
    }
    // Sent after the receives, which scan the whole queue each (moto's ReceiveMessage is O(depth)).
    await send(WAITING);

    // Several consumers acknowledging at once, as Postroom's `ack: "auto"` receives do.
    const batches = Array.from({ length: RECEIVED / 10 }, (_, b) => handles.slice(b * 10, b * 10 + 10));
    const outcomes = await mapWithConcurrency(batches, batches.length, async (batch) =>
      sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: batch.map((ReceiptHandle, i) => ({ Id: String(i), ReceiptHandle })) })),
    );
    expect(outcomes.flatMap(({ Failed = [] }) => Failed)).toEqual([]);

    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    expect(Attributes).toEqual({ ApproximateNumberOfMessages: String(WAITING), ApproximateNumberOfMessagesNotVisible: '0' });
  });
});
