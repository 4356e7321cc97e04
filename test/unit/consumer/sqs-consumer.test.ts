import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { postroomSqsConsumer, type PostroomMessage } from '../../../functions/consumer/index.ts';
import { sqsRecordOf } from '../../fixtures/consumer-events.ts';
import { MemoryPersistenceLayer } from '../../fixtures/consumer-memory-store.ts';
import { lambdaContext } from '../../../testing/handler-harness.ts';

const eventOf = (...records: SQSEvent['Records']): SQSEvent => ({ Records: records });
const bodyOf = (message: PostroomMessage) => (message.payload as { body: unknown }).body;

describe('Function: postroomSqsConsumer', () => {
  it('hands each record its opened envelope', async () => {
    const seen: PostroomMessage[] = [];
    const handler = postroomSqsConsumer((message) => void seen.push(message), { persistenceStore: new MemoryPersistenceLayer() });
    const record = sqsRecordOf('order-1', { order: 1 });

    await handler(eventOf(record), lambdaContext());

    expect(seen).toEqual([
      { messageId: 'order-1', publishedAt: '2026-01-02T03:04:05.000Z', headers: { tenant: 'acme' }, payload: { body: { order: 1 } }, properties: {}, sqsRecord: record },
    ]);
  });

  it('reports a failed record by its SQS message id, processes the others, and processes only it on redelivery', async () => {
    const ledger: string[] = [];
    let failing = true;
    const handler = postroomSqsConsumer(
      (message) => {
        if (message.messageId === 'b' && failing) throw new Error('b failed');
        ledger.push(message.messageId);
        return `done ${message.messageId}`;
      },
      { persistenceStore: new MemoryPersistenceLayer() },
    );
    const records = ['a', 'b', 'c'].map((id) => sqsRecordOf(id, id));

    const first = await handler(eventOf(...records), lambdaContext());
    failing = false;
    const again = await handler(eventOf(...records), lambdaContext());

    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: records[1]!.messageId }] });
    expect(again).toEqual({ batchItemFailures: [] });
    expect(ledger.sort()).toEqual(['a', 'b', 'c']);
  });

  it('processes a message the queue delivered twice in one batch once, and reports the duplicate in progress as failed', async () => {
    const handle = vi.fn(async () => new Promise((resolve) => setTimeout(resolve, 10)));
    const handler = postroomSqsConsumer(handle, { persistenceStore: new MemoryPersistenceLayer() });
    const [first, duplicate] = [sqsRecordOf('a', 'x'), sqsRecordOf('a', 'x')];

    const response = await handler(eventOf(first!, duplicate!), lambdaContext());

    expect(handle).toHaveBeenCalledTimes(1);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: duplicate!.messageId }] });
  });

  it('writes EMF of what it processed, failed and saw again, for the broker and the queue, only when given them', async () => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(...String(chunk).split('\n').filter((line) => line.includes('"_aws"')));
      return true;
    });
    const handle = (message: PostroomMessage) => {
      if (message.messageId === 'b') throw new Error('b failed');
    };
    const records = () => [sqsRecordOf('a', 1), sqsRecordOf('b', 2), sqsRecordOf('c', 3, { attributes: { ...sqsRecordOf('x', 0).attributes, ApproximateReceiveCount: '2' } })];
    try {
      await postroomSqsConsumer(handle, { persistenceStore: new MemoryPersistenceLayer() })(eventOf(...records()), lambdaContext());
      expect(lines).toEqual([]);
      await postroomSqsConsumer(handle, { persistenceStore: new MemoryPersistenceLayer(), metrics: { broker: 'Postroom_', queue: 'orders' } })(eventOf(...records()), lambdaContext());
    } finally {
      write.mockRestore();
    }

    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!);
    expect(record._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Postroom', Dimensions: [['Broker'], ['Broker', 'Queue']] });
    // The envelopes say they were published on 2026-01-02: that long ago.
    expect(record).toMatchObject({ Broker: 'Postroom_', Queue: 'orders', QueueConsumed: 2, QueueConsumeFailures: 1, QueueConsumeRedeliveries: 1 });
    expect(record.QueueConsumeLatency).toHaveLength(2);
    for (const latency of record.QueueConsumeLatency) expect(latency).toBeGreaterThan(Date.now() - Date.parse('2026-01-02T03:04:06Z'));
  });

  it('processes once per custom key', async () => {
    const handle = vi.fn();
    const handler = postroomSqsConsumer(handle, { persistenceStore: new MemoryPersistenceLayer(), key: (message) => String(bodyOf(message)) });

    await handler(eventOf(sqsRecordOf('a', 'order-7'), sqsRecordOf('b', 'order-8')), lambdaContext());
    await handler(eventOf(sqsRecordOf('c', 'order-7')), lambdaContext());

    expect(handle.mock.calls.map(([message]) => message.messageId)).toEqual(['a', 'b']);
  });

  it('keys a body that is not an envelope by its SQS message id, as a string body', async () => {
    const handle = vi.fn();
    const handler = postroomSqsConsumer(handle, { persistenceStore: new MemoryPersistenceLayer() });
    const raw = sqsRecordOf('ignored', null, { messageId: 'sqs-raw', body: 'plain text' });

    await handler(eventOf(raw), lambdaContext());
    await handler(eventOf(raw), lambdaContext());

    expect(handle).toHaveBeenCalledTimes(1);
    expect(handle.mock.calls[0]![0]).toMatchObject({ messageId: 'sqs-raw', payload: { body: 'plain text' } });
  });

  it('on a FIFO queue fails the records of a group after its failure without processing them, and goes on with other groups', async () => {
    const handle = vi.fn((message: PostroomMessage) => {
      if (message.messageId === 'a2') throw new Error('a2 failed');
    });
    const handler = postroomSqsConsumer(handle, { persistenceStore: new MemoryPersistenceLayer(), fifo: true });
    const inGroup = (id: string) => {
      const record = sqsRecordOf(id, id);
      return { ...record, attributes: { ...record.attributes, MessageGroupId: id[0]! } };
    };
    const records = ['a1', 'b1', 'a2', 'b2', 'a3'].map(inGroup);

    const response = await handler(eventOf(...records), lambdaContext());

    expect(response.batchItemFailures.map(({ itemIdentifier }) => itemIdentifier)).toEqual([records[2]!.messageId, records[4]!.messageId]);
    expect(handle.mock.calls.map(([message]) => message.messageId)).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('works as a middy handler', async () => {
    const handle = vi.fn();
    const handler = middy<SQSEvent, SQSBatchResponse>({ timeoutEarlyInMillis: 0 }).handler(postroomSqsConsumer(handle, { persistenceStore: new MemoryPersistenceLayer() }));

    expect(await handler(eventOf(sqsRecordOf('a', 1)), lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(handle).toHaveBeenCalledTimes(1);
  });

  it('throws when every record failed, so that Lambda retries the batch', async () => {
    const store = new MemoryPersistenceLayer();
    store.failing = true;
    const handle = vi.fn();
    const handler = postroomSqsConsumer(handle, { persistenceStore: store });

    await expect(handler(eventOf(sqsRecordOf('a', 1), sqsRecordOf('b', 2)), lambdaContext())).rejects.toBeInstanceOf(FullBatchFailureError);
    expect(handle).not.toHaveBeenCalled();
  });
});
