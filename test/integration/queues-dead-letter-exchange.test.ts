import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { exchangeFixtures } from '../support/exchange-fixtures.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

let queueApi: QueueApi;
let fixtures: ReturnType<typeof exchangeFixtures>;
beforeAll(async () => {
  queueApi = await startQueueApi();
  fixtures = exchangeFixtures(queueApi);
});

async function declareQueue(settings: object): Promise<string> {
  const name = queueApi.uniqueName('source');
  const response = await queueApi.api.put(`/v1/queues/${name}`, settings);
  expect(response.status, JSON.stringify(response.json)).toBe(201);
  return name;
}

/** A fanout dead-letter exchange, the queue bound to it, and a queue dead-lettering into it. */
async function withDeadLetterExchange(settings: object = {}) {
  const exchange = await fixtures.exchange('fanout');
  const dead = await fixtures.queue('dead');
  await fixtures.bind({ exchange, queue: dead });
  return { exchange, dead, source: await declareQueue({ deadLetterExchange: exchange, ...settings }) };
}

const publish = (queue: string, message: object) => queueApi.api.post(`/v1/queues/${queue}/messages`, message);
const receive = async (queue: string, options: object = {}) =>
  (await queueApi.api.post(`/v1/queues/${queue}/receive`, { maxMessages: 10, ...options })).json.messages;
const reject = (queue: string, messages: { receipt: string }[]) =>
  queueApi.api.post(`/v1/queues/${queue}/nack`, { receipts: messages.map((m) => m.receipt), requeue: false });
const counts = async (queue: string) => (await queueApi.api.get(`/v1/queues/${queue}`)).json.messages;
const death = (fields: object) => ({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), ...fields });

describe('dead-letter exchanges', () => {
  it('republishes a rejected message through the exchange with its original routing key and a death record', async () => {
    const [orders, dlx] = [await fixtures.exchange('direct'), await fixtures.exchange('direct')];
    const dead = await fixtures.queue('dead');
    const source = await declareQueue({ deadLetterExchange: dlx });
    await fixtures.bind({ exchange: orders, queue: source, bindingKey: 'eu' });
    await fixtures.bind({ exchange: dlx, queue: dead, bindingKey: 'eu' });
    await fixtures.publish(orders, { routingKey: 'eu', body: 'bad', messageId: 'm-1' });

    const nacked = await reject(source, await receive(source));
    const [arrived] = await receive(dead);

    expect(nacked.json).toEqual({ nacked: 1, failures: [] });
    expect(arrived).toMatchObject({
      messageId: 'm-1',
      body: 'bad',
      exchange: orders,
      routingKey: 'eu',
      deliveryCount: 1,
      deaths: [death({ queue: source, reason: 'rejected', count: 1, exchange: orders, routingKeys: ['eu'], deliveryCount: 1 })],
    });
    expect(await counts(source)).toMatchObject({ ready: 0, inFlight: 0, deadLetters: 0 });
  });

  it('counts repeated deaths in one queue for one reason in a single entry (amq.default routing back to the queue)', async () => {
    const name = queueApi.uniqueName('retry');
    await queueApi.api.put(`/v1/queues/${name}`, { deadLetterExchange: 'amq.default', deadLetterRoutingKey: name });
    await publish(name, { body: 'again' });

    await reject(name, await receive(name));
    await reject(name, await receive(name));
    const [third] = await receive(name);

    expect(third).toMatchObject({
      body: 'again',
      deaths: [death({ queue: name, reason: 'rejected', count: 2, exchange: 'amq.default', routingKeys: [name], deliveryCount: 1 })],
    });
  });

  it('drops a message its dead-letter exchange routes nowhere, or that does not exist', async () => {
    const source = await declareQueue({ deadLetterExchange: queueApi.uniqueName('missing') });
    await publish(source, { body: 'gone' });

    const nacked = await reject(source, await receive(source));

    expect(nacked.json).toEqual({ nacked: 1, failures: [] });
    expect(await counts(source)).toMatchObject({ ready: 0, inFlight: 0, deadLetters: 0 });
  });

  it('dead-letters a message past maxDeliveries with reason delivery_limit instead of delivering it', async () => {
    const { source, dead } = await withDeadLetterExchange({ maxDeliveries: 2 });
    await publish(source, { body: 'poison' });

    const deliveries = [];
    for (let i = 0; i < 3; i++) deliveries.push(...(await receive(source, { visibilityTimeoutSeconds: 0 })));
    const [arrived] = await receive(dead);

    expect(deliveries.map((m: { deliveryCount: number }) => m.deliveryCount)).toEqual([1, 2]);
    expect(arrived).toMatchObject({ body: 'poison', deaths: [death({ queue: source, reason: 'delivery_limit', count: 1, deliveryCount: 2 })] });
    expect(await counts(source)).toMatchObject({ ready: 0, inFlight: 0, deadLetters: 0 });
  });
});

describe('message TTL', () => {
  it('never delivers an expired message: the lower of message and queue TTL wins, and it dies with reason expired', async () => {
    const { source, dead } = await withDeadLetterExchange({ messageTtlMs: 500 });
    await publish(source, {
      messages: [
        { body: 'message ttl above the queue ttl', expirationMs: 60_000 },
        { body: 'message ttl below the queue ttl', expirationMs: 100 },
        { body: 'queue ttl only' },
      ],
    });

    await sleep(150);
    const early = await receive(source, { visibilityTimeoutSeconds: 0 });
    await sleep(550);
    const late = await receive(source, { visibilityTimeoutSeconds: 0 });
    const arrived = await receive(dead);

    expect(early.map((m: { body: string }) => m.body).sort()).toEqual(['message ttl above the queue ttl', 'queue ttl only']);
    expect(early.find((m: { expirationMs?: number }) => m.expirationMs)).toMatchObject({ expirationMs: 60_000, expiresAt: expect.any(String) });
    expect(late).toEqual([]);
    expect(arrived.map((m: { body: string }) => m.body).sort()).toEqual(['message ttl above the queue ttl', 'message ttl below the queue ttl', 'queue ttl only']);
    expect(arrived.find((m: { body: string }) => m.body === 'message ttl below the queue ttl')).toMatchObject({
      deaths: [death({ queue: source, reason: 'expired', count: 1, deliveryCount: 0 })],
    });
    // RabbitMQ removes the per-message TTL from a dead-lettered message, so it does not expire again.
    expect(arrived.every((m: object) => !('expirationMs' in m) && !('expiresAt' in m))).toBe(true);
  });

  it('drops an expired message without a dead-letter exchange', async () => {
    const source = await declareQueue({ messageTtlMs: 200 });
    await publish(source, { body: 'stale' });

    await sleep(300);

    expect(await receive(source)).toEqual([]);
    expect(await counts(source)).toMatchObject({ ready: 0, inFlight: 0, deadLetters: 0 });
  });
});

describe('declaring dead-letter and TTL settings', () => {
  it('stores them, answers an equal declaration with 200 and another with 409', async () => {
    const name = queueApi.uniqueName('settings');
    const settings = { deadLetterExchange: 'dlx', deadLetterRoutingKey: 'dead', messageTtlMs: 1000 };

    const created = await queueApi.api.put(`/v1/queues/${name}`, settings);
    const again = await queueApi.api.put(`/v1/queues/${name}`, settings);
    const other = await queueApi.api.put(`/v1/queues/${name}`, { deadLetterExchange: 'other' });
    const described = await queueApi.api.get(`/v1/queues/${name}`);

    expect(created).toMatchObject({ status: 201, json: settings });
    expect(again).toMatchObject({ status: 200, json: created.json });
    expect(other).toMatchObject({
      status: 409,
      json: {
        code: 'queue_exists_with_different_settings',
        differences: [
          { setting: 'deadLetterExchange', existing: 'dlx', requested: 'other' },
          { setting: 'deadLetterRoutingKey', existing: 'dead', requested: null },
          { setting: 'messageTtlMs', existing: 1000, requested: null },
        ],
      },
    });
    expect(described.json).toMatchObject(settings);
  });

  it('refuses invalid values with 400 and creates nothing', async () => {
    const name = queueApi.uniqueName('invalid');
    const bodies = [{ deadLetterExchange: 'bad name' }, { deadLetterRoutingKey: 'k' }, { messageTtlMs: 0 }, { deadLetterExchange: 'dlx', maxDeliveries: 1000 }];

    const responses = await Promise.all(bodies.map((body) => queueApi.api.put(`/v1/queues/${name}`, body)));

    expect(responses.map((r) => [r.status, r.json.code])).toEqual(bodies.map(() => [400, 'invalid_request']));
    expect((await queueApi.api.get(`/v1/queues/${name}`)).status).toBe(404);
  });

  it('refuses an invalid expirationMs on a direct publish with 400', async () => {
    const source = await declareQueue({});

    const response = await publish(source, { body: 1, expirationMs: -1 });

    expect(response).toMatchObject({ status: 400, json: { code: 'invalid_request' } });
  });
});
