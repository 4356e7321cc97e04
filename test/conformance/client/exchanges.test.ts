import { describe, expect, inject, it } from 'vitest';
import { PostroomClient } from '../../../client/index.ts';
import { uniqueName } from '../support/client.ts';

const client = new PostroomClient({ endpoint: inject('baseUrl') });

describe('client: exchanges', () => {
  it('declares, binds, routes, publishes and unbinds', async () => {
    const exchange = client.exchange(uniqueName('x-topic'));
    const queue = client.queue(uniqueName('audit'));
    await queue.declare();
    expect(await exchange.declare('topic')).toMatchObject({ name: exchange.name, type: 'topic' });
    expect(await exchange.describe()).toMatchObject({ name: exchange.name, type: 'topic' });
    expect((await client.exchanges.list()).map((x) => x.name)).toContain(exchange.name);

    expect(await exchange.bind({ queue: queue.name, bindingKey: 'order.*' })).toMatchObject({ exchange: exchange.name, queue: queue.name, bindingKey: 'order.*' });
    expect((await exchange.bindings()).map((b) => b.queue)).toEqual([queue.name]);
    expect((await queue.bindings()).map((b) => b.exchange)).toEqual([exchange.name]);
    expect(await exchange.testRoute({ routingKey: 'order.created' })).toEqual({ queues: [queue.name], exchanges: [exchange.name] });

    const { results } = await exchange.publish([{ body: 1 }, { body: 2, routingKey: 'invoice.sent' }], { routingKey: 'order.created' });
    expect(results.map((r) => r.routedTo)).toEqual([1, 0]);
    const [message] = await queue.receive({ max: 10, waitSeconds: 5 });
    expect(message).toMatchObject({ body: 1, routingKey: 'order.created', exchange: exchange.name });

    await exchange.unbind({ queue: queue.name, bindingKey: 'order.*' });
    await expect(exchange.publish({ body: 3, routingKey: 'order.created' }, { mandatory: true })).rejects.toMatchObject({ status: 422, code: 'unroutable' });
    await exchange.delete({ ifUnused: true });
    await expect(exchange.describe()).rejects.toMatchObject({ status: 404, code: 'exchange_not_found' });
  });

  it('calls over rpc and gets the reply a responder sends with client.reply', async () => {
    const exchange = client.exchange(uniqueName('x-direct'));
    const queue = client.queue(uniqueName('quotes'));
    await Promise.all([exchange.declare('direct'), queue.declare()]);
    await exchange.bind({ queue: queue.name, bindingKey: 'quote' });

    const pending = exchange.rpc({ routingKey: 'quote', body: { item: 'book' } }, { timeoutMs: 15_000 });
    const [request] = await queue.receive({ waitSeconds: 10, ack: 'auto' });
    expect(request).toMatchObject({ body: { item: 'book' }, replyTo: expect.any(String), correlationId: expect.any(String) });
    await client.reply(request!, { body: { price: 12 } });
    expect(await pending).toMatchObject({ correlationId: request!.correlationId, body: { price: 12 } });
  });
});
