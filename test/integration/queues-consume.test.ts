import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../functions/core/receipt.ts';
import { SqsQueueNaming } from '../../functions/core/sqs-queue-names.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';
import { ownClientConfig } from '../../testing/api-function.ts';

let queueApi: QueueApi;
beforeAll(async () => {
  queueApi = await startQueueApi();
});

async function queueWith(label: string, bodies: unknown[]): Promise<string> {
  const name = queueApi.uniqueName(label);
  await queueApi.api.put(`/v1/queues/${name}`);
  if (bodies.length > 0) await queueApi.api.post(`/v1/queues/${name}/messages`, { messages: bodies.map((body) => ({ body })) });
  return name;
}

const receive = async (name: string, options: object = {}) =>
  (await queueApi.api.post(`/v1/queues/${name}/receive`, { maxMessages: 10, ...options })).json.messages;

describe('receive and ack', () => {
  it('receives messages with receipts and acks them away', async () => {
    const name = await queueWith('work', ['a', 'b', 'c']);

    const messages = await receive(name);
    const acked = await queueApi.api.post(`/v1/queues/${name}/ack`, { receipts: messages.map((m: { receipt: string }) => m.receipt) });
    const { json } = await queueApi.api.get(`/v1/queues/${name}`);

    expect(messages.map((m: { body: string }) => m.body).sort()).toEqual(['a', 'b', 'c']);
    expect(acked).toMatchObject({ status: 200, json: { acked: 3, failures: [] } });
    expect(json.messages).toMatchObject({ ready: 0, inFlight: 0 });
  });

  it('returns an empty list from an empty queue', async () => {
    const name = await queueWith('idle', []);

    expect(await receive(name)).toEqual([]);
  });

  it('returns a message sent to SQS directly with its raw text and SQS message id', async () => {
    const name = await queueWith('foreign-format', []);
    const sqs = new SQSClient(ownClientConfig);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: new SqsQueueNaming(queueApi.prefix).namesFor(name).queue }));
    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"not":"an envelope"}' }));

    const [message] = await receive(name);

    expect(message).toMatchObject({ messageId: MessageId, body: '{"not":"an envelope"}', headers: {}, deliveryCount: 1 });
    sqs.destroy();
  });

  it('reports garbage, foreign and expired receipts one by one and acks the rest', async () => {
    const name = await queueWith('mixed', ['keep']);
    const other = await queueWith('other', ['theirs']);
    const [mine] = await receive(name);
    const [theirs] = await receive(other);
    const expired = encodeReceipt({ queue: name, receiptHandle: 'long-gone', deliveryCount: 1, messageBody: '{}' });

    const response = await queueApi.api.post(`/v1/queues/${name}/ack`, {
      receipts: ['garbage!', theirs.receipt, mine.receipt, expired, 'AAAA'],
    });

    expect(response.status).toBe(200);
    expect(response.json.acked).toBe(1);
    expect(response.json.failures).toEqual([
      { receipt: 'garbage!', code: 'invalid_receipt', detail: expect.any(String) },
      { receipt: theirs.receipt, code: 'foreign_receipt', detail: expect.stringContaining(other) },
      { receipt: expired, code: 'receipt_expired', detail: expect.any(String) },
      { receipt: 'AAAA', code: 'invalid_receipt', detail: expect.any(String) },
    ]);
  });

  it('rejects a malformed ack body with 400', async () => {
    const name = await queueWith('malformed-ack', []);

    const empty = await queueApi.api.post(`/v1/queues/${name}/ack`, { receipts: [] });
    const notStrings = await queueApi.api.post(`/v1/queues/${name}/ack`, { receipts: [1] });

    expect(empty.json).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(notStrings.json).toMatchObject({ status: 400, code: 'invalid_request' });
  });
});

describe('receive with ack "auto"', () => {
  it('deletes what it returns, so nothing comes back even with no visibility timeout', async () => {
    const name = await queueWith('auto-ack', ['a', 'b', 'c']);

    const messages = await receive(name, { ack: 'auto', visibilityTimeoutSeconds: 0 });
    const again = await receive(name, { visibilityTimeoutSeconds: 0 });
    const { json } = await queueApi.api.get(`/v1/queues/${name}`);

    expect(messages.map((m: { body: string }) => m.body).sort()).toEqual(['a', 'b', 'c']);
    expect(messages.every((m: object) => !('receipt' in m))).toBe(true);
    expect(again).toEqual([]);
    expect(json.messages).toMatchObject({ ready: 0, inFlight: 0 });
  });
});

describe('nack', () => {
  it('hides a requeued message for its backoff, then delivers it again with deliveryCount 2', async () => {
    const name = await queueWith('retry', ['flaky']);
    const [first] = await receive(name);

    const nacked = await queueApi.api.post(`/v1/queues/${name}/nack`, { receipts: [first.receipt] });
    const duringBackoff = await receive(name);
    await sleep(1_100); // first delivery backs off exactly 1 s
    const [second] = await receive(name, { waitSeconds: 2 });

    expect(nacked).toMatchObject({ status: 200, json: { nacked: 1, failures: [] } });
    expect(duringBackoff).toEqual([]);
    expect(second).toMatchObject({ messageId: first.messageId, body: 'flaky', deliveryCount: 2 });
  });

  it('requeues at once with delaySeconds 0', async () => {
    const name = await queueWith('retry-now', ['again']);
    const [first] = await receive(name);

    await queueApi.api.post(`/v1/queues/${name}/nack`, { receipts: [first.receipt], delaySeconds: 0 });
    const [second] = await receive(name);

    expect(second).toMatchObject({ messageId: first.messageId, deliveryCount: 2 });
  });

  it('refuses delaySeconds without requeue', async () => {
    const name = await queueWith('contradiction', []);

    const response = await queueApi.api.post(`/v1/queues/${name}/nack`, { receipts: ['x'], requeue: false, delaySeconds: 5 });

    expect(response.json).toMatchObject({ status: 400, code: 'invalid_request', errors: [{ path: 'delaySeconds' }] });
  });
});
