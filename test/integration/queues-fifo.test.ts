import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SqsQueueNaming } from '../../functions/core/sqs-queue-names.ts';
import { exchangeFixtures } from '../support/exchange-fixtures.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';
import { ownClientConfig } from '../../testing/api-function.ts';

let queueApi: QueueApi;
let fixtures: ReturnType<typeof exchangeFixtures>;
beforeAll(async () => {
  queueApi = await startQueueApi();
  fixtures = exchangeFixtures(queueApi);
});

const fifoQueue = (label = 'fifo') => fixtures.queue(label, { fifo: true });

/** Everything the queue holds, in delivery order, each deleted as it is received. */
async function drain(name: string): Promise<any[]> {
  const received: any[] = [];
  for (;;) {
    const { json } = await queueApi.api.post(`/v1/queues/${name}/receive`, { maxMessages: 10, ack: 'auto' });
    if (json.messages.length === 0) return received;
    received.push(...json.messages);
  }
}

describe('declaring a fifo queue', () => {
  it('creates SQS FIFO queues in high-throughput mode, and fifo is a setting', async () => {
    const name = await fifoQueue();
    const sqs = new SQSClient(ownClientConfig);
    const names = new SqsQueueNaming(queueApi.prefix).namesFor(name);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: `${names.queue}.fifo` }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    const dlq = await sqs.send(new GetQueueUrlCommand({ QueueName: `${names.deadLetterQueue}.fifo` }));
    sqs.destroy();

    expect(Attributes).toMatchObject({ FifoQueue: 'true', ContentBasedDeduplication: 'false', DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' });
    expect(dlq.QueueUrl).toMatch(/\.fifo$/);
    expect((await queueApi.api.get(`/v1/queues/${name}`)).json).toMatchObject({ fifo: true });
    expect((await queueApi.api.put(`/v1/queues/${name}`, { fifo: true })).status).toBe(200);
    expect((await queueApi.api.put(`/v1/queues/${name}`)).status).toBe(409);
  });

  it('refuses fifo with maxPriority', async () => {
    const response = await queueApi.api.put(`/v1/queues/${queueApi.uniqueName('fifo-prio')}`, { fifo: true, maxPriority: 3 });

    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([{ path: 'maxPriority', message: expect.stringContaining('fifo') }]);
  });
});

describe('publishing to a fifo queue', () => {
  it('keeps the order within a group across a batch of several SendMessageBatch calls', async () => {
    const name = await fifoQueue();
    const messages = Array.from({ length: 25 }, (_, i) => ({ body: i, groupId: i % 2 === 0 ? 'even' : 'odd' }));
    await queueApi.api.post(`/v1/queues/${name}/messages`, { messages });

    const received = await drain(name);

    const bodiesOf = (group: string) => received.filter((m) => m.groupId === group).map((m) => m.body);
    expect(bodiesOf('even')).toEqual(messages.filter((m) => m.groupId === 'even').map((m) => m.body));
    expect(bodiesOf('odd')).toEqual(messages.filter((m) => m.groupId === 'odd').map((m) => m.body));
  });

  it('stores a repeated messageId once, and puts messages without groupId in group "default"', async () => {
    const name = await fifoQueue();
    const first = await queueApi.api.post(`/v1/queues/${name}/messages`, { body: 'first', messageId: 'order-1' });
    const repeat = await queueApi.api.post(`/v1/queues/${name}/messages`, { messages: [{ body: 'repeat', messageId: 'order-1' }, { body: 'other' }] });

    const received = await drain(name);

    expect([first.status, repeat.status]).toEqual([202, 202]);
    expect(received.map((m) => [m.messageId === 'order-1', m.body, m.groupId])).toEqual([
      [true, 'first', 'default'],
      [false, 'other', 'default'],
    ]);
  });

  it('refuses a per-message delay and a malformed groupId with 400, sending nothing', async () => {
    const name = await fifoQueue();

    const delayed = await queueApi.api.post(`/v1/queues/${name}/messages`, { messages: [{ body: 1 }, { body: 2, delaySeconds: 5 }] });
    const badGroup = await queueApi.api.post(`/v1/queues/${name}/messages`, { body: 1, groupId: 'has space' });

    expect(delayed.status).toBe(400);
    expect(delayed.json.errors).toEqual([{ path: 'messages.1.delaySeconds', message: expect.any(String) }]);
    expect(badGroup.status).toBe(400);
    expect(await drain(name)).toEqual([]);
  });
});

describe('settling on a fifo queue', () => {
  it('requeues with nack ahead of the rest of its group, and rejects into the fifo dead-letter queue', async () => {
    const name = await fifoQueue();
    await queueApi.api.post(`/v1/queues/${name}/messages`, { messages: [{ body: 'first' }, { body: 'second' }] });
    const receiveOne = async () => (await queueApi.api.post(`/v1/queues/${name}/receive`, {})).json.messages[0];

    const first = await receiveOne();
    await queueApi.api.post(`/v1/queues/${name}/nack`, { receipts: [first.receipt], delaySeconds: 0 });
    const again = await receiveOne();
    const rejected = await queueApi.api.post(`/v1/queues/${name}/nack`, { receipts: [again.receipt], requeue: false });
    const second = await receiveOne();
    const deadLetters = await queueApi.api.get(`/v1/queues/${name}/dead-letters`);

    expect([first.body, again.body, again.deliveryCount, second.body]).toEqual(['first', 'first', 2, 'second']);
    expect(rejected.json).toMatchObject({ nacked: 1, failures: [] });
    expect(deadLetters.json.messages).toMatchObject([{ body: 'first', reason: 'rejected' }]);
  });

  it('keeps each dead letter in its message group, so that a redrive restores the order per group', async () => {
    const name = await fifoQueue();
    const messages = ['a1', 'b1', 'a2', 'b2'].map((body) => ({ body, groupId: `group-${body[0]}` }));
    await queueApi.api.post(`/v1/queues/${name}/messages`, { messages });
    // SQS hands out one message per group at a time: reject each as it comes, until all four are dead.
    for (let rejected = 0; rejected < messages.length; ) {
      const { json } = await queueApi.api.post(`/v1/queues/${name}/receive`, { maxMessages: 10 });
      const nacked = await queueApi.api.post(`/v1/queues/${name}/nack`, { receipts: json.messages.map((message: any) => message.receipt), requeue: false });
      rejected += nacked.json.nacked;
    }

    const redriven = await queueApi.api.post(`/v1/queues/${name}/dead-letters/redrive`, {});
    const received = await drain(name);

    expect(redriven.json).toMatchObject({ moved: 4 });
    expect(received.map(({ body, groupId }) => `${groupId}:${body}`).sort()).toEqual(['group-a:a1', 'group-a:a2', 'group-b:b1', 'group-b:b2']);
    for (const group of ['group-a', 'group-b']) {
      expect(received.filter((message) => message.groupId === group).map(({ body }) => body)).toEqual([`${group.at(-1)}1`, `${group.at(-1)}2`]);
    }
  });
});

describe('exchanges routing into fifo queues', () => {
  it('sends to the fifo queue directly, in order, grouped by routing key by default, and still fans out to standard queues', async () => {
    const exchange = await fixtures.exchange('topic');
    const [fifo, standard] = [await fifoQueue(), await fixtures.queue()];
    await fixtures.bind({ exchange, queue: fifo, bindingKey: 'orders.#' });
    await fixtures.bind({ exchange, queue: standard, bindingKey: 'orders.#' });

    const results = await fixtures.publish(exchange, {
      messages: [
        { routingKey: 'orders.eu', body: 1, messageId: 'm-1' },
        { routingKey: 'orders.eu', body: 2 },
        { routingKey: 'orders.us', body: 3, groupId: 'customer-7' },
        { routingKey: 'orders.eu', body: 4, messageId: 'm-1' },
      ],
    });

    expect(results.map((result) => result.routedTo)).toEqual([2, 2, 2, 2]);
    expect((await drain(fifo)).map((m) => [m.body, m.groupId])).toEqual([
      [1, 'orders.eu'],
      [2, 'orders.eu'],
      [3, 'customer-7'],
    ]);
    expect((await drain(standard)).map((m) => m.body).sort()).toEqual([1, 2, 3, 4]);
  });

  it('refuses delaySeconds on a message routed to a fifo queue', async () => {
    const exchange = await fixtures.exchange('fanout');
    await fixtures.bind({ exchange, queue: await fifoQueue(), bindingKey: '' });

    const response = await queueApi.api.post(`/v1/exchanges/${exchange}/messages`, { body: 1, delaySeconds: 5 });

    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([{ path: 'delaySeconds', message: expect.any(String) }]);
  });
});
