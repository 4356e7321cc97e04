import { describe, expect, it } from 'vitest';
import { call, expectProblem } from '../support/client.ts';
import { bind, bodiesByQueue, declareExchange, exchangePath, publishTo, testRoute } from '../support/exchanges.ts';
import { declareQueue, describeQueue, receive } from '../support/queues.ts';

/** Routing must equal RabbitMQ's; each scenario names the rule it checks. */
describe('exchanges: routing', () => {
  it('direct: delivers to the queues whose binding key equals the routing key', async () => {
    const exchange = await declareExchange('direct');
    const [red, blue, alsoRed] = [await declareQueue(), await declareQueue(), await declareQueue()];
    await bind({ exchange, queue: red, bindingKey: 'red' });
    await bind({ exchange, queue: blue, bindingKey: 'blue' });
    await bind({ exchange, queue: alsoRed, bindingKey: 'red' });

    expect(await publishTo(exchange, { routingKey: 'red', body: 'r' })).toMatchObject({ routedTo: 2 });
    expect(await bodiesByQueue([red, blue, alsoRed])).toEqual({ [red]: ['r'], [blue]: [], [alsoRed]: ['r'] });
  });

  it('fanout: delivers to every bound queue whatever the key', async () => {
    const exchange = await declareExchange('fanout');
    const queues = [await declareQueue(), await declareQueue(), await declareQueue()];
    for (const queue of queues) await bind({ exchange, queue, bindingKey: 'ignored' });

    expect(await publishTo(exchange, { routingKey: 'anything', body: 'all' })).toMatchObject({ routedTo: 3 });
    expect(Object.values(await bodiesByQueue(queues))).toEqual([['all'], ['all'], ['all']]);
  });

  it('topic: * matches exactly one word, # zero or more', async () => {
    const exchange = await declareExchange('topic');
    const patterns = ['orders.*.created', 'orders.#', '#.created', '*', '#'] as const;
    const queues: Record<string, string> = {};
    for (const pattern of patterns) {
      queues[pattern] = await declareQueue();
      await bind({ exchange, queue: queues[pattern]!, bindingKey: pattern });
    }
    const expectations: Array<[string, string[]]> = [
      ['orders.eu.created', ['orders.*.created', 'orders.#', '#.created', '#']],
      ['orders', ['orders.#', '*', '#']],
      ['orders.eu.x.created', ['orders.#', '#.created', '#']],
      ['', ['#']],
    ];
    for (const [routingKey, matching] of expectations) {
      const routed = await testRoute(exchange, { routingKey });
      expect(routed.queues.sort(), `routing key "${routingKey}"`).toEqual(matching.map((p) => queues[p]!).sort());
    }
    await publishTo(exchange, { routingKey: 'orders.eu.created', body: 'o' });
    const held = await bodiesByQueue(Object.values(queues));
    expect(patterns.filter((p) => held[queues[p]!]!.length === 1)).toEqual(['orders.*.created', 'orders.#', '#.created', '#']);
  });

  it('headers: x-match all and any compare header values by type and value', async () => {
    const exchange = await declareExchange('headers');
    const [all, any] = [await declareQueue(), await declareQueue()];
    await bind({ exchange, queue: all, arguments: { 'x-match': 'all', format: 'pdf', size: 1 } });
    await bind({ exchange, queue: any, arguments: { 'x-match': 'any', format: 'pdf', size: 1 } });

    expect((await testRoute(exchange, { headers: { format: 'pdf', size: 1 } })).queues.sort()).toEqual([all, any].sort());
    expect((await testRoute(exchange, { headers: { format: 'pdf', size: '1' } })).queues).toEqual([any]);
    expect((await testRoute(exchange, { headers: { other: true } })).queues).toEqual([]);

    await publishTo(exchange, { headers: { format: 'pdf', size: 1 }, body: 'doc' });
    expect(await bodiesByQueue([all, any])).toEqual({ [all]: ['doc'], [any]: ['doc'] });
  });

  it('headers: a void (null) header is present: it matches a presence-only argument and is delivered as null', async () => {
    const exchange = await declareExchange('headers');
    const [present, everything, valued] = [await declareQueue(), await declareQueue(), await declareQueue()];
    await bind({ exchange, queue: present, arguments: { 'x-match': 'all', present: null } });
    await bind({ exchange, queue: everything, arguments: { 'x-match': 'all' } });
    await bind({ exchange, queue: valued, arguments: { present: 'yes' } });

    expect((await testRoute(exchange, { headers: { present: null } })).queues.sort()).toEqual([present, everything].sort());
    await publishTo(exchange, { headers: { present: null }, body: 'void' });
    const [message] = await receive(present, { maxMessages: 1, waitSeconds: 2 });
    expect(message).toMatchObject({ body: 'void', headers: { present: null } });
  });

  it('the default exchange routes to the queue named by the routing key', async () => {
    const queue = await declareQueue();
    expect(await publishTo('amq.default', { routingKey: queue, body: 'direct to queue' })).toMatchObject({ routedTo: 1 });
    expect(await bodiesByQueue([queue])).toEqual({ [queue]: ['direct to queue'] });
    expect(await publishTo('amq.default', { routingKey: `${queue}-absent`, body: 'nowhere' })).toMatchObject({ routedTo: 0 });
  });

  it('delivers one copy per queue however many of its bindings match', async () => {
    const exchange = await declareExchange('topic');
    const queue = await declareQueue();
    for (const bindingKey of ['a.b', 'a.*', '#']) await bind({ exchange, queue, bindingKey });
    expect(await publishTo(exchange, { routingKey: 'a.b', body: 'once' })).toMatchObject({ routedTo: 1 });
    const [first] = await receive(queue, { waitSeconds: 2 });
    expect(first?.body).toBe('once');
    expect(await receive(queue, { waitSeconds: 1 })).toEqual([]);
  });

  it('routes onward through exchange-to-exchange bindings, and stops at cycles', async () => {
    const [front, back] = [await declareExchange('fanout'), await declareExchange('direct')];
    const queue = await declareQueue();
    await bind({ exchange: front, destinationExchange: back });
    await bind({ exchange: back, destinationExchange: front });
    await bind({ exchange: back, queue, bindingKey: 'k' });

    expect(await testRoute(front, { routingKey: 'k' })).toEqual({ queues: [queue], exchanges: [front, back] });
    expect(await publishTo(front, { routingKey: 'k', body: 'hop' })).toMatchObject({ routedTo: 1 });
    expect(await bodiesByQueue([queue])).toEqual({ [queue]: ['hop'] });
  });

  it('sends what an exchange cannot route to its alternate exchange', async () => {
    const alternate = await declareExchange('fanout');
    const exchange = await declareExchange('direct', { alternateExchange: alternate });
    const [routed, unrouted] = [await declareQueue(), await declareQueue()];
    await bind({ exchange, queue: routed, bindingKey: 'known' });
    await bind({ exchange: alternate, queue: unrouted });

    expect((await testRoute(exchange, { routingKey: 'known' })).queues).toEqual([routed]);
    expect(await testRoute(exchange, { routingKey: 'unknown' })).toEqual({ queues: [unrouted], exchanges: [exchange, alternate] });
    await publishTo(exchange, { routingKey: 'unknown', body: 'stray' });
    expect(await bodiesByQueue([routed, unrouted])).toEqual({ [routed]: [], [unrouted]: ['stray'] });
  });

  it('drops an unroutable message, or refuses the whole request when it is mandatory', async () => {
    const exchange = await declareExchange('direct');
    const queue = await declareQueue();
    await bind({ exchange, queue, bindingKey: 'known' });
    expect(await publishTo(exchange, { routingKey: 'unknown', body: 'dropped' })).toMatchObject({ routedTo: 0 });

    const batch = { messages: [{ routingKey: 'known', body: 'fine' }, { routingKey: 'unknown', body: 'lost', mandatory: true }] };
    expectProblem(await call('POST', `${exchangePath(exchange)}/messages`, batch), 422, 'unroutable');
    expect((await describeQueue(queue)).messages.ready).toBe(0);
  });

  it('returns per-message results for a batch, in order', async () => {
    const exchange = await declareExchange('direct');
    const queue = await declareQueue();
    await bind({ exchange, queue, bindingKey: 'in' });
    const response = await call('POST', `${exchangePath(exchange)}/messages`, {
      messages: [
        { routingKey: 'in', body: 1, messageId: 'first' },
        { routingKey: 'out', body: 2, messageId: 'second' },
      ],
    });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ results: [{ messageId: 'first', routedTo: 1 }, { messageId: 'second', routedTo: 0 }] });
  });

  it('hands consumers the routing details and reply address set at publish', async () => {
    const exchange = await declareExchange('direct');
    const queue = await declareQueue();
    await bind({ exchange, queue, bindingKey: 'rpc' });
    await publishTo(exchange, { routingKey: 'rpc', body: { q: 1 }, headers: { h: 'v' }, messageId: 'req-1', correlationId: 'corr-1', replyTo: 'replies' });
    const [message] = await receive(queue, { waitSeconds: 2 });
    expect(message).toMatchObject({ messageId: 'req-1', body: { q: 1 }, headers: { h: 'v' }, exchange, routingKey: 'rpc', correlationId: 'corr-1', replyTo: 'replies' });
  });

  it('applies a new binding within a few seconds', async () => {
    const exchange = await declareExchange('direct');
    const queue = await declareQueue();
    expect((await publishTo(exchange, { routingKey: 'k', body: 'before' })).routedTo).toBe(0);
    await bind({ exchange, queue, bindingKey: 'k' });
    const deadline = Date.now() + 5000;
    let routedTo = 0;
    while (routedTo === 0 && Date.now() < deadline) {
      routedTo = (await publishTo(exchange, { routingKey: 'k', body: 'after' })).routedTo;
      if (routedTo === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(routedTo).toBe(1);
  });
});
