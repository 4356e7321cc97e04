import { DynamoDBClient, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendCost } from '../../bench/stream-costs.ts';
import type { DynamoItem } from '../../functions/core/dynamodb-item-size.ts';
import { ownClientConfig } from '../../testing/api-function.ts';
import { countCalls, type CallCounter } from '../../testing/aws-call-counter.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

// The benchmark's cost section meters usage this way: middleware on the process's singleton clients,
// with an uncounted client of its own to size the items that updates and deletes touch.
let queueApi: QueueApi;
let counter: CallCounter;
const sizes = new DynamoDBClient(ownClientConfig);

beforeAll(async () => {
  queueApi = await startQueueApi();
  const { sqs, sns, dynamodb } = await import('../../functions/adapters/aws-clients.ts');
  counter = countCalls([sqs, sns, dynamodb], {
    name: 'billedUsageTest',
    usage: { readItem: async (table, key) => (await sizes.send(new GetItemCommand({ TableName: table, Key: key as Record<string, AttributeValue>, ConsistentRead: true }))).Item as DynamoItem | undefined },
  });
});

afterAll(() => sizes.destroy());

describe('usage metered for the bill', () => {
  it('bills SQS a request per started 64 KiB chunk of what a call sends or receives', async () => {
    const queue = queueApi.uniqueName('billed-chunks');
    await queueApi.api.put(`/v1/queues/${queue}`);
    const messages = Array.from({ length: 10 }, (_, i) => ({ body: { i, pad: 'x'.repeat(10 * 1024) } }));
    await queueApi.api.post(`/v1/queues/${queue}/messages`, { messages }); // warms the declaration

    counter.reset();
    await queueApi.api.post(`/v1/queues/${queue}/messages`, { messages });

    // One SendMessageBatch of ~100 KiB: two chunks.
    expect(Object.fromEntries(counter.counts)).toEqual({ SendMessageBatchCommand: 1 });
    expect(counter.usage).toMatchObject({ sqsStandardRequests: 2, writeUnits: 0, readUnits: 0 });
  });

  it('meters a stream append\'s write units as the sizes of the items it wrote, read back afterwards', async () => {
    const cost = await appendCost(queueApi.api, counter);

    // The segment is sized from the request, the tail's update from the item after it.
    expect(counter.usage!.writeUnits).toBe(cost.writeUnits);
    counter.reset();
    expect(counter.usage).toMatchObject({ writeUnits: 0, sqsStandardRequests: 0, invocationMs: [] });
  });
});
