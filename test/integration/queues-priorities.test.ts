import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { priorityLevelNames, SqsQueueNaming } from '../../functions/core/sqs-queue-names.ts';
import { countCalls, type CallCounter } from '../../testing/aws-call-counter.ts';
import { exchangeFixtures } from '../support/exchange-fixtures.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';
import { ownClientConfig } from '../../testing/api-function.ts';

let queueApi: QueueApi;
let fixtures: ReturnType<typeof exchangeFixtures>;
let counter: CallCounter;
beforeAll(async () => {
  queueApi = await startQueueApi();
  fixtures = exchangeFixtures(queueApi);
  const { sqs } = await import('../../functions/adapters/aws-clients.ts');
  counter = countCalls([sqs]);
});

interface Received {
  body: unknown;
  receipt: string;
  priority?: number;
}

async function priorityQueue(maxPriority: number, label = 'prio'): Promise<string> {
  const name = queueApi.uniqueName(label);
  const response = await queueApi.api.put(`/v1/queues/${name}`, { maxPriority });
  expect(response.status, JSON.stringify(response.json)).toBe(201);
  return name;
}

async function publish(name: string, messages: Record<string, unknown>[]): Promise<void> {
  const response = await queueApi.api.post(`/v1/queues/${name}/messages`, { messages });
  expect(response.status, JSON.stringify(response.json)).toBe(202);
}

const receive = async (name: string, options: object = {}): Promise<Received[]> =>
  (await queueApi.api.post(`/v1/queues/${name}/receive`, { maxMessages: 10, ...options })).json.messages;

const bodies = (messages: readonly Received[]) => messages.map((message) => message.body);

/** The SQS calls `action` makes, by command name. */
async function sqsCallsDuring(action: () => Promise<unknown>): Promise<Record<string, number>> {
  counter.reset();
  await action();
  return Object.fromEntries(counter.counts);
}

describe('queue priorities', () => {
  it('delivers a high-priority message before a low one published earlier', async () => {
    const name = await priorityQueue(5);
    await publish(name, [{ body: 'low', priority: 1 }]);
    await publish(name, [{ body: 'high', priority: 4 }]);

    expect(bodies(await receive(name, { maxMessages: 1 }))).toEqual(['high']);
    expect(bodies(await receive(name, { maxMessages: 1 }))).toEqual(['low']);
  });

  it('orders a batch across levels, counts a priority above the maximum as the maximum and none as 0', async () => {
    const name = await priorityQueue(3);
    await publish(name, [{ body: 'none' }, { body: 'two', priority: 2 }, { body: 'max', priority: 200 }, { body: 'three', priority: 3 }]);

    const received = await receive(name);

    expect(bodies(received.slice(0, 2)).sort()).toEqual(['max', 'three']);
    expect(bodies(received.slice(2))).toEqual(['two', 'none']);
    expect(received.map((message) => message.priority)).toEqual([expect.any(Number), expect.any(Number), 2, undefined]);
  });

  it('routes an exchange publish to the level of its priority', async () => {
    const exchange = await fixtures.exchange('fanout');
    const name = await priorityQueue(2);
    await fixtures.bind({ exchange, queue: name });
    await fixtures.publish(exchange, { messages: [{ body: 'plain' }, { body: 'urgent', priority: 9 }, { body: 'middle', priority: 1 }] });

    expect(bodies(await receive(name))).toEqual(['urgent', 'middle', 'plain']);
  });

  it('acks and requeues on the level a message came from, where the requeued message stays', async () => {
    const name = await priorityQueue(2);
    await publish(name, [{ body: 'low' }, { body: 'high', priority: 2 }]);
    const [high, low] = await receive(name);

    const acked = await queueApi.api.post(`/v1/queues/${name}/ack`, { receipts: [low!.receipt] });
    const nacked = await queueApi.api.post(`/v1/queues/${name}/nack`, { receipts: [high!.receipt], delaySeconds: 0 });
    await publish(name, [{ body: 'later-low' }]);

    expect(acked.json).toEqual({ acked: 1, failures: [] });
    expect(nacked.json).toEqual({ nacked: 1, failures: [] });
    expect(bodies(await receive(name))).toEqual(['high', 'later-low']);
  });

  it('dead-letters a rejected message from its level and redrives it back there', async () => {
    const name = await priorityQueue(2);
    await publish(name, [{ body: 'rejected', priority: 2 }]);
    const [message] = await receive(name);
    await queueApi.api.post(`/v1/queues/${name}/nack`, { receipts: [message!.receipt], requeue: false });
    await publish(name, [{ body: 'low' }]);

    const redriven = await queueApi.api.post(`/v1/queues/${name}/dead-letters/redrive`, {});

    expect(redriven.json).toEqual({ moved: 1 });
    expect(bodies(await receive(name))).toEqual(['rejected', 'low']);
  });

  it('counts the messages of every level together', async () => {
    const name = await priorityQueue(3);
    await publish(name, [{ body: 'a' }, { body: 'b', priority: 1 }, { body: 'c', priority: 3 }]);
    await receive(name, { maxMessages: 1 });

    const { json } = await queueApi.api.get(`/v1/queues/${name}`);

    expect(json).toMatchObject({ maxPriority: 3, messages: { ready: 2, inFlight: 1, delayed: 0 } });
  });

  it('answers 200 to the same maxPriority and 409 to another or none', async () => {
    const name = await priorityQueue(4);

    expect((await queueApi.api.put(`/v1/queues/${name}`, { maxPriority: 4 })).status).toBe(200);
    const changed = await queueApi.api.put(`/v1/queues/${name}`, { maxPriority: 5 });
    expect(changed.status).toBe(409);
    expect(changed.json.code).toBe('queue_exists_with_different_settings');
    expect((await queueApi.api.put(`/v1/queues/${name}`)).status).toBe(409);
  });

  it("deletes every level's SQS queue", async () => {
    const name = await priorityQueue(2);
    const names = new SqsQueueNaming(queueApi.prefix).namesFor(name);
    const sqs = new SQSClient(ownClientConfig);
    const exists = (queue: string) =>
      sqs.send(new GetQueueUrlCommand({ QueueName: queue })).then(
        () => true,
        () => false,
      );
    const levelQueues = [names.queue, priorityLevelNames(names, 1).queue, priorityLevelNames(names, 2).queue];
    expect(await Promise.all(levelQueues.map(exists))).toEqual([true, true, true]);

    expect((await queueApi.api.delete(`/v1/queues/${name}`)).status).toBe(204);

    expect(await Promise.all(levelQueues.map(exists))).toEqual([false, false, false]);
    sqs.destroy();
  });

  it('receives from a queue without priorities with exactly one ReceiveMessage, long poll included', async () => {
    const name = queueApi.uniqueName('plain');
    await queueApi.api.put(`/v1/queues/${name}`);
    await publish(name, [{ body: 'x', priority: 7 }]);

    expect(await sqsCallsDuring(() => receive(name, { waitSeconds: 1 }))).toEqual({ ReceiveMessageCommand: 1 });
  });

  it('polls each level once at most, stopping when the levels above filled the request', async () => {
    const name = await priorityQueue(3);
    await publish(name, [{ body: 'top', priority: 3 }, { body: 'bottom' }]);

    expect(await sqsCallsDuring(() => receive(name, { maxMessages: 1 }))).toEqual({ ReceiveMessageCommand: 1 });
    expect(await sqsCallsDuring(() => receive(name, { maxMessages: 10 }))).toEqual({ ReceiveMessageCommand: 4 });
  });
});
