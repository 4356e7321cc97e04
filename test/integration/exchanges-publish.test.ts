import { beforeAll, describe, expect, it } from 'vitest';
import { exchangeFixtures } from '../support/exchange-fixtures.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

let queueApi: QueueApi;
let fixtures: ReturnType<typeof exchangeFixtures>;
beforeAll(async () => {
  queueApi = await startQueueApi();
  fixtures = exchangeFixtures(queueApi);
});

/** The bodies each queue holds, by queue name. */
/** Each queue's bodies, sorted: a standard queue keeps no order, and a batch's messages may reach a queue by different paths (shard publish, direct send). */
async function bodiesOf(queues: readonly string[]): Promise<Record<string, unknown[]>> {
  const received = await Promise.all(queues.map((queue) => fixtures.received(queue)));
  return Object.fromEntries(queues.map((queue, index) => [queue, received[index]!.map((message) => message.body).sort()]));
}

describe('publishing through exchanges reaches exactly the matched queues', () => {
  it('direct: the queues whose binding key equals the routing key', async () => {
    const exchange = await fixtures.exchange('direct');
    const [red, blue, alsoRed] = [await fixtures.queue(), await fixtures.queue(), await fixtures.queue()];
    await fixtures.bind({ exchange, queue: red, bindingKey: 'red' });
    await fixtures.bind({ exchange, queue: blue, bindingKey: 'blue' });
    await fixtures.bind({ exchange, queue: alsoRed, bindingKey: 'red' });

    expect(await fixtures.publish(exchange, { routingKey: 'red', body: 'r' })).toEqual([{ messageId: expect.any(String), routedTo: 2 }]);
    expect(await bodiesOf([red, blue, alsoRed])).toEqual({ [red]: ['r'], [blue]: [], [alsoRed]: ['r'] });
  });

  it('fanout: every bound queue, whatever the key', async () => {
    const exchange = await fixtures.exchange('fanout');
    const queues = [await fixtures.queue(), await fixtures.queue()];
    for (const queue of queues) await fixtures.bind({ exchange, queue, bindingKey: 'ignored' });

    await fixtures.publish(exchange, { routingKey: 'anything', body: 'all' });

    expect(Object.values(await bodiesOf(queues))).toEqual([['all'], ['all']]);
  });

  it('topic: the queues whose pattern matches, one copy each however many bindings match', async () => {
    const exchange = await fixtures.exchange('topic');
    const [created, everything, other] = [await fixtures.queue(), await fixtures.queue(), await fixtures.queue()];
    await fixtures.bind({ exchange, queue: created, bindingKey: 'orders.*.created' });
    await fixtures.bind({ exchange, queue: everything, bindingKey: '#' });
    await fixtures.bind({ exchange, queue: everything, bindingKey: 'orders.#' });
    await fixtures.bind({ exchange, queue: other, bindingKey: 'payments.#' });

    const results = await fixtures.publish(exchange, { messages: [{ routingKey: 'orders.eu.created', body: 1 }, { routingKey: 'orders', body: 2 }] });

    expect(results.map((result) => result.routedTo)).toEqual([2, 1]);
    expect(await bodiesOf([created, everything, other])).toEqual({ [created]: [1], [everything]: [1, 2], [other]: [] });
  });

  it('headers: x-match all and any, values compared by type', async () => {
    const exchange = await fixtures.exchange('headers');
    const [all, any] = [await fixtures.queue(), await fixtures.queue()];
    await fixtures.bind({ exchange, queue: all, arguments: { 'x-match': 'all', format: 'pdf', size: 1 } });
    await fixtures.bind({ exchange, queue: any, arguments: { 'x-match': 'any', format: 'pdf', size: 1 } });

    await fixtures.publish(exchange, {
      messages: [
        { headers: { format: 'pdf', size: 1 }, body: 'both' },
        { headers: { format: 'pdf', size: '1' }, body: 'any only' },
        { headers: { other: true }, body: 'neither' },
      ],
    });

    expect(await bodiesOf([all, any])).toEqual({ [all]: ['both'], [any]: ['any only', 'both'] });
  });

  it('the default exchange: the queue named by the routing key, if it exists', async () => {
    const queue = await fixtures.queue();

    const results = await fixtures.publish('amq.default', { messages: [{ routingKey: queue, body: 'mine' }, { routingKey: `${queue}-absent`, body: 'lost' }] });

    expect(results.map((result) => result.routedTo)).toEqual([1, 0]);
    expect(await bodiesOf([queue])).toEqual({ [queue]: ['mine'] });
  });

  it('onward through exchange-to-exchange bindings, once per queue, stopping at cycles', async () => {
    const [front, back] = [await fixtures.exchange('fanout'), await fixtures.exchange('direct')];
    const queue = await fixtures.queue();
    await fixtures.bind({ exchange: front, destinationExchange: back });
    await fixtures.bind({ exchange: back, destinationExchange: front });
    await fixtures.bind({ exchange: back, queue, bindingKey: 'k' });
    await fixtures.bind({ exchange: front, queue });

    const routed = await queueApi.api.post(`/v1/exchanges/${front}/test-route`, { routingKey: 'k' });
    const [result] = await fixtures.publish(front, { routingKey: 'k', body: 'hop' });

    expect(routed).toMatchObject({ status: 200, json: { queues: [queue], exchanges: [front, back] } });
    expect(result?.routedTo).toBe(1);
    expect(await bodiesOf([queue])).toEqual({ [queue]: ['hop'] });
  });

  it('the alternate exchange, for what an exchange cannot route', async () => {
    const alternate = await fixtures.exchange('fanout');
    const exchange = await fixtures.exchange('direct', { alternateExchange: alternate });
    const [routed, unrouted] = [await fixtures.queue(), await fixtures.queue()];
    await fixtures.bind({ exchange, queue: routed, bindingKey: 'known' });
    await fixtures.bind({ exchange: alternate, queue: unrouted });

    await fixtures.publish(exchange, { messages: [{ routingKey: 'known', body: 'kept' }, { routingKey: 'unknown', body: 'stray' }] });

    expect(await bodiesOf([routed, unrouted])).toEqual({ [routed]: ['kept'], [unrouted]: ['stray'] });
  });
});

describe('publishing through exchanges', () => {
  it('hands consumers the routing details and reply address set at publish, beside the usual members', async () => {
    const exchange = await fixtures.exchange('direct');
    const queue = await fixtures.queue();
    await fixtures.bind({ exchange, queue, bindingKey: 'rpc' });

    await fixtures.publish(exchange, {
      routingKey: 'rpc',
      body: { q: 1 },
      headers: { h: 'v' },
      messageId: 'req-1',
      correlationId: 'corr-1',
      replyTo: 'replies',
      priority: 7,
      expirationMs: 60_000,
    });
    const [message] = await fixtures.received(queue);

    expect(message).toEqual({
      messageId: 'req-1',
      receipt: expect.any(String),
      body: { q: 1 },
      headers: { h: 'v' },
      exchange,
      routingKey: 'rpc',
      correlationId: 'corr-1',
      replyTo: 'replies',
      priority: 7,
      expirationMs: 60_000,
      expiresAt: new Date(Date.parse(message.publishedAt) + 60_000).toISOString(),
      deliveryCount: 1,
      publishedAt: expect.any(String),
    });
  });

  it('refuses the whole request when a mandatory message is unroutable, and writes nothing', async () => {
    const exchange = await fixtures.exchange('direct');
    const queue = await fixtures.queue();
    await fixtures.bind({ exchange, queue, bindingKey: 'known' });

    const response = await queueApi.api.post(`/v1/exchanges/${exchange}/messages`, {
      messages: [{ routingKey: 'known', body: 'fine' }, { routingKey: 'unknown', body: 'lost', mandatory: true, messageId: 'm-2' }],
    });

    expect(response.json).toMatchObject({ status: 422, code: 'unroutable', index: 1, messageId: 'm-2', exchange, routingKey: 'unknown' });
    expect(await fixtures.stored([queue])).toEqual([0]);
  });

  it('refuses a message whose headers alone are over SNS’s 256 KiB with 413, and writes nothing', async () => {
    const exchange = await fixtures.exchange('fanout');
    const queue = await fixtures.queue();
    await fixtures.bind({ exchange, queue });

    // A large body would travel through the payload bucket; headers stay in the message.
    const response = await queueApi.api.post(`/v1/exchanges/${exchange}/messages`, {
      messages: [{ body: 'fine' }, { body: 'x'.repeat(262_000), headers: { big: 'h'.repeat(262_000) }, messageId: 'huge' }],
    });

    expect(response.json).toMatchObject({ status: 413, code: 'message_too_large', index: 1, messageId: 'huge', limit: 262_144 });
    expect(await fixtures.stored([queue])).toEqual([0]);
  });

  it('delays a message by its delaySeconds in every queue it reaches', async () => {
    const exchange = await fixtures.exchange('fanout');
    const queues = [await fixtures.queue(), await fixtures.queue()];
    for (const queue of queues) await fixtures.bind({ exchange, queue });

    await fixtures.publish(exchange, { messages: [{ body: 'later', delaySeconds: 30 }, { body: 'now' }] });
    const described = await Promise.all(queues.map((queue) => queueApi.api.get(`/v1/queues/${queue}`)));

    expect(described.map(({ json }) => json.messages)).toEqual(queues.map(() => expect.objectContaining({ ready: 1, delayed: 1 })));
  });

  it('answers 404 for publishing or test-routing through an unknown exchange, and 400 for a bad body', async () => {
    const publish = await queueApi.api.post('/v1/exchanges/ghost-exchange/messages', { body: 1 });
    const testRoute = await queueApi.api.post('/v1/exchanges/ghost-exchange/test-route', {});
    const invalid = await queueApi.api.post('/v1/exchanges/amq.default/messages', { body: 1, priority: 256, mandatory: 'yes' });

    expect(publish.json).toMatchObject({ status: 404, code: 'exchange_not_found' });
    expect(testRoute.json).toMatchObject({ status: 404, code: 'exchange_not_found' });
    expect(invalid.json).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(invalid.json.errors.map((error: { path: string }) => error.path).sort()).toEqual(['mandatory', 'priority']);
  });
});
