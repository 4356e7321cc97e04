import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { call, expectProblem, uniqueName } from '../support/client.ts';
import { bind, declareExchange, publishTo } from '../support/exchanges.ts';
import { deadLetters, declareQueue, nack, publish, publishBatch, queuePath, receive, receiveAll } from '../support/queues.ts';

/** A fanout dead-letter exchange, a queue bound to it, and a queue with `settings` dead-lettering into it. */
async function deadLetterTopology(settings: Record<string, unknown> = {}) {
  const exchange = await declareExchange('fanout');
  const dead = await declareQueue();
  await bind({ exchange, queue: dead });
  return { exchange, dead, source: await declareQueue({ deadLetterExchange: exchange, ...settings }) };
}

const deathAt = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);

/** Dead-letter exchanges and TTL must behave as RabbitMQ's; each scenario names the rule it checks. */
describe('exchanges: dead-letter exchanges and TTL', () => {
  it('rejected: republishes through the dead-letter exchange with its routing key and an x-death record', async () => {
    const dlx = await declareExchange('direct');
    const [dead, other] = [await declareQueue(), await declareQueue()];
    await bind({ exchange: dlx, queue: dead, bindingKey: 'dead' });
    await bind({ exchange: dlx, queue: other, bindingKey: 'other' });
    const source = await declareQueue({ deadLetterExchange: dlx, deadLetterRoutingKey: 'dead' });
    await publish(source, { body: { bad: true }, messageId: 'reject-me' });

    const [message] = await receive(source, { waitSeconds: 5 });
    expect(await nack(source, [message!.receipt], { requeue: false })).toEqual({ nacked: 1, failures: [] });

    const [arrived, ...more] = await receiveAll(dead, 1);
    expect(more).toEqual([]);
    expect(arrived).toMatchObject({
      messageId: 'reject-me',
      body: { bad: true },
      deaths: [{ queue: source, reason: 'rejected', count: 1, time: deathAt, exchange: 'amq.default', routingKeys: [source] }],
    });
    expect(await receive(other, { waitSeconds: 1 })).toEqual([]);
    expect(await deadLetters(source)).toEqual([]);
  });

  it('rejected twice in the same queue: one x-death entry counting 2', async () => {
    const name = uniqueName('retry');
    await declareQueue({ deadLetterExchange: 'amq.default', deadLetterRoutingKey: name }, name);
    await publish(name, { body: 'again' });

    for (let i = 0; i < 2; i++) {
      const [message] = await receive(name, { waitSeconds: 5 });
      await nack(name, [message!.receipt], { requeue: false });
    }

    const [third] = await receive(name, { waitSeconds: 5 });
    expect(third).toMatchObject({ body: 'again', deaths: [{ queue: name, reason: 'rejected', count: 2 }] });
  });

  it('delivery_limit: a message past maxDeliveries goes through the dead-letter exchange instead of to a consumer', async () => {
    const { source, dead } = await deadLetterTopology({ maxDeliveries: 2 });
    const { messageId } = await publishTo('amq.default', { routingKey: source, body: 'poison' });

    for (const delivery of [1, 2]) {
      const [message] = await receive(source, { waitSeconds: 5, visibilityTimeoutSeconds: 0 });
      expect(message?.deliveryCount).toBe(delivery);
    }
    expect(await receive(source, { waitSeconds: 1 })).toEqual([]);

    const [arrived] = await receiveAll(dead, 1);
    expect(arrived).toMatchObject({
      messageId,
      exchange: 'amq.default',
      routingKey: source,
      deaths: [{ queue: source, reason: 'delivery_limit', count: 1, deliveryCount: 2, exchange: 'amq.default', routingKeys: [source] }],
    });
  });

  it('expired: never delivered; the lower of message and queue TTL wins; dead-lettered with reason expired', async () => {
    const { source, dead } = await deadLetterTopology({ messageTtlMs: 300 });
    await publishBatch(source, [{ body: 'message ttl lower', expirationMs: 100 }, { body: 'queue ttl lower', expirationMs: 600_000 }]);

    await sleep(500);
    expect(await receive(source, { waitSeconds: 1, maxMessages: 10 })).toEqual([]);

    const arrived = await receiveAll(dead, 2);
    expect(arrived.map((m) => m.body).sort()).toEqual(['message ttl lower', 'queue ttl lower']);
    for (const message of arrived) {
      expect(message).toMatchObject({ deaths: [{ queue: source, reason: 'expired', count: 1 }] });
      // The per-message TTL is removed on dead-lettering, so the message does not expire again.
      expect(message).not.toHaveProperty('expirationMs');
    }
  });

  it('expired without a dead-letter exchange: dropped, not kept in the dead letters', async () => {
    const source = await declareQueue();
    await publish(source, { body: 'stale', expirationMs: 100 });
    await publish(source, { body: 'fresh' });

    await sleep(300);
    const received = await receiveAll(source, 2, { waitSeconds: 1 });

    expect(received.map((m) => m.body)).toEqual(['fresh']);
    expect(received[0]).not.toHaveProperty('expiresAt');
    expect(await deadLetters(source)).toEqual([]);
  });

  it('errors: invalid settings are 400, other settings 409, and neither changes the queue', async () => {
    const name = await declareQueue({ deadLetterExchange: 'dlx', messageTtlMs: 1_000 });

    expectProblem(await call('PUT', queuePath(uniqueName('q')), { deadLetterRoutingKey: 'k' }), 400, 'invalid_request');
    expectProblem(await call('PUT', queuePath(uniqueName('q')), { messageTtlMs: 0 }), 400, 'invalid_request');
    expectProblem(await call('PUT', queuePath(uniqueName('q')), { deadLetterExchange: 'no spaces' }), 400, 'invalid_request');
    expectProblem(await call('PUT', queuePath(name), { deadLetterExchange: 'other', messageTtlMs: 1_000 }), 409, 'queue_exists_with_different_settings');
    expectProblem(await call('POST', `${queuePath(name)}/messages`, { body: 1, expirationMs: 1.5 }), 400, 'invalid_request');

    const described = await call('GET', queuePath(name));
    expect(described.body).toMatchObject({ deadLetterExchange: 'dlx', messageTtlMs: 1_000 });
    expect(described.body).not.toHaveProperty('deadLetterRoutingKey');
  });
});
