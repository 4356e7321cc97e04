import { beforeAll, describe, expect, it } from 'vitest';
import { countCalls, type CallCounter } from '../../testing/aws-call-counter.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

let queueApi: QueueApi;
let counter: CallCounter;

beforeAll(async () => {
  queueApi = await startQueueApi();
  // The benchmark counts AWS calls the same way: middleware on the process's singleton clients.
  const { sqs, dynamodb } = await import('../../functions/adapters/aws-clients.ts');
  counter = countCalls([sqs, dynamodb]);
});

/** The AWS calls `action` makes, by command name. */
async function callsDuring(action: () => Promise<unknown>): Promise<Record<string, number>> {
  counter.reset();
  await action();
  return Object.fromEntries(counter.counts);
}

describe('AWS calls per request', () => {
  it('publishes 100 messages with 10 SendMessageBatch calls and nothing else once warm', async () => {
    const name = queueApi.uniqueName('costs');
    await queueApi.api.put(`/v1/queues/${name}`);
    const batch = { messages: Array.from({ length: 100 }, (_, i) => ({ body: { i } })) };
    await queueApi.api.post(`/v1/queues/${name}/messages`, batch); // warms the declaration cache

    const counted = await callsDuring(() => queueApi.api.post(`/v1/queues/${name}/messages`, batch));

    expect(counted).toEqual({ SendMessageBatchCommand: 10 });
  });

  it('receives and acks 10 messages with one ReceiveMessage and one DeleteMessageBatch', async () => {
    const name = queueApi.uniqueName('costs');
    await queueApi.api.put(`/v1/queues/${name}`);
    await queueApi.api.post(`/v1/queues/${name}/messages`, { messages: Array.from({ length: 10 }, (_, i) => ({ body: i })) });

    const counted = await callsDuring(async () => {
      const { json } = await queueApi.api.post(`/v1/queues/${name}/receive`, { maxMessages: 10 });
      await queueApi.api.post(`/v1/queues/${name}/ack`, { receipts: json.messages.map((m: { receipt: string }) => m.receipt) });
    });

    expect(counted).toEqual({ ReceiveMessageCommand: 1, DeleteMessageBatchCommand: 1 });
  });

  it('receives 10 messages with ack "auto" with one ReceiveMessage and one DeleteMessageBatch', async () => {
    const name = queueApi.uniqueName('costs');
    await queueApi.api.put(`/v1/queues/${name}`);
    await queueApi.api.post(`/v1/queues/${name}/messages`, { messages: Array.from({ length: 10 }, (_, i) => ({ body: i })) });

    const counted = await callsDuring(() => queueApi.api.post(`/v1/queues/${name}/receive`, { maxMessages: 10, ack: 'auto' }));

    expect(counted).toEqual({ ReceiveMessageCommand: 1, DeleteMessageBatchCommand: 1 });
  });
});
