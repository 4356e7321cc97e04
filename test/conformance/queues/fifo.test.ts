import { describe, expect, it } from 'vitest';
import { call } from '../support/client.ts';
import { bind, declareExchange, publishTo } from '../support/exchanges.ts';
import { declareQueue, describeQueue, publish, publishBatch, queuePath, receive, type ReceivedMessage } from '../support/queues.ts';

/** Everything a queue holds, in delivery order, each deleted on delivery. */
async function drain(name: string): Promise<ReceivedMessage[]> {
  const received: ReceivedMessage[] = [];
  for (;;) {
    const batch = await receive(name, { maxMessages: 10, waitSeconds: 1, ack: 'auto' });
    if (batch.length === 0) return received;
    received.push(...batch);
  }
}

describe('queues: fifo', () => {
  it('is a setting: shown, repeated with 200, contradicted with 409', async () => {
    const name = await declareQueue({ fifo: true });

    expect(await describeQueue(name)).toMatchObject({ fifo: true });
    expect((await call('PUT', queuePath(name), { fifo: true })).status).toBe(200);
    expect((await call('PUT', queuePath(name), {})).status).toBe(409);
  });

  it('delivers each group in publish order, also across batches of more than 10', async () => {
    const name = await declareQueue({ fifo: true });
    const messages = Array.from({ length: 30 }, (_, i) => ({ body: i, groupId: `g${i % 3}` }));
    await publishBatch(name, messages);

    const received = await drain(name);

    expect(received).toHaveLength(30);
    for (const group of ['g0', 'g1', 'g2']) {
      expect(received.filter((m) => m.groupId === group).map((m) => m.body)).toEqual(messages.filter((m) => m.groupId === group).map((m) => m.body));
    }
  });

  it('stores a message id repeated within the deduplication window once, in group "default" without groupId', async () => {
    const name = await declareQueue({ fifo: true });
    expect(await publish(name, { body: 'once', messageId: 'pay-1' })).toBe('pay-1');
    expect(await publish(name, { body: 'twice', messageId: 'pay-1' })).toBe('pay-1');

    expect((await drain(name)).map((m) => [m.messageId, m.body, m.groupId])).toEqual([['pay-1', 'once', 'default']]);
  });

  it('refuses maxPriority, a per-message delay and a malformed groupId with 400', async () => {
    const name = await declareQueue({ fifo: true });

    expect((await call('PUT', queuePath(`${name}-p`), { fifo: true, maxPriority: 2 })).status).toBe(400);
    expect((await call('POST', `${queuePath(name)}/messages`, { body: 1, delaySeconds: 1 })).status).toBe(400);
    expect((await call('POST', `${queuePath(name)}/messages`, { body: 1, groupId: 'no spaces allowed' })).status).toBe(400);
  });

  it('receives from an exchange in order, grouped by routing key unless groupId is given, deduplicated by message id', async () => {
    const exchange = await declareExchange('direct');
    const name = await declareQueue({ fifo: true });
    for (const bindingKey of ['eu', 'us']) await bind({ exchange, queue: name, bindingKey });

    await publishTo(exchange, { routingKey: 'eu', body: 1, messageId: 'e-1' });
    await publishTo(exchange, { routingKey: 'us', body: 2 });
    await publishTo(exchange, { routingKey: 'eu', body: 3 });
    await publishTo(exchange, { routingKey: 'eu', body: 4, groupId: 'vip' });
    await publishTo(exchange, { routingKey: 'eu', body: 5, messageId: 'e-1' });

    const received = await drain(name);
    const bodiesOf = (group: string) => received.filter((m) => m.groupId === group).map((m) => m.body);
    expect(received).toHaveLength(4);
    expect([bodiesOf('eu'), bodiesOf('us'), bodiesOf('vip')]).toEqual([[1, 3], [2], [4]]);
  });
});
