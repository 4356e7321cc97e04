import { describe, expect, it } from 'vitest';
import { call, expectProblem, uniqueName } from '../support/client.ts';
import { bind, declareExchange, exchangePath, testRoute } from '../support/exchanges.ts';
import { declareQueue, queuePath } from '../support/queues.ts';

describe('exchanges: declaration', () => {
  it('creates an exchange, answers 200 to the same declaration and 409 to another type', async () => {
    const name = uniqueName('x');
    const created = await call('PUT', exchangePath(name), { type: 'topic' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, type: 'topic' });
    expect((await call('PUT', exchangePath(name), { type: 'topic' })).status).toBe(200);
    expectProblem(await call('PUT', exchangePath(name), { type: 'fanout' }), 409, 'exchange_exists_with_different_settings');
    expect((await call('GET', exchangePath(name))).body).toMatchObject({ name, type: 'topic' });
  });

  it('lists exchanges, including the default one', async () => {
    const name = await declareExchange('direct');
    const names = (await call('GET', '/v1/exchanges')).body.exchanges.map((x: { name: string }) => x.name);
    expect(names).toEqual(expect.arrayContaining([name, 'amq.default']));
  });

  it('refuses bad names, bad types and reserved names without creating anything', async () => {
    expectProblem(await call('PUT', exchangePath('has space'), { type: 'direct' }), 400, 'invalid_exchange_name');
    const name = uniqueName('x');
    expectProblem(await call('PUT', exchangePath(name), { type: 'nonsense' }), 400, 'invalid_request');
    expectProblem(await call('PUT', exchangePath(name), {}), 400, 'invalid_request');
    expectProblem(await call('GET', exchangePath(name)), 404, 'exchange_not_found');
    expectProblem(await call('PUT', exchangePath('amq.default'), { type: 'direct' }), 403, 'access_refused');
    expectProblem(await call('PUT', exchangePath(`amq.${name}`), { type: 'direct' }), 403, 'access_refused');
  });

  it('deletes an exchange with its bindings; ifUnused refuses while it has bindings', async () => {
    const exchange = await declareExchange('direct');
    const queue = await declareQueue();
    await bind({ exchange, queue, bindingKey: 'k' });
    expectProblem(await call('DELETE', `${exchangePath(exchange)}?ifUnused=true`), 409, 'exchange_in_use');
    expect((await call('DELETE', exchangePath(exchange))).status).toBe(204);
    expectProblem(await call('GET', exchangePath(exchange)), 404, 'exchange_not_found');
    expect((await call('GET', `${queuePath(queue)}/bindings`)).body).toEqual({ bindings: [] });
    expectProblem(await call('DELETE', exchangePath(exchange)), 404, 'exchange_not_found');
  });
});

describe('exchanges: bindings', () => {
  it('binds once however often the same binding is made, lists it from both ends and unbinds', async () => {
    const exchange = await declareExchange('topic');
    const queue = await declareQueue();
    const binding = { exchange, queue, bindingKey: 'a.*', arguments: {} };
    expect((await call('POST', '/v1/bindings', binding)).status).toBe(201);
    expect((await call('POST', '/v1/bindings', binding)).status).toBe(200);

    const expected = { bindings: [{ exchange, queue, bindingKey: 'a.*', arguments: {} }] };
    expect((await call('GET', `${exchangePath(exchange)}/bindings`)).body).toEqual(expected);
    expect((await call('GET', `${queuePath(queue)}/bindings`)).body).toEqual(expected);

    expect((await call('DELETE', '/v1/bindings', binding)).status).toBe(204);
    expect((await call('GET', `${exchangePath(exchange)}/bindings`)).body).toEqual({ bindings: [] });
    expectProblem(await call('DELETE', '/v1/bindings', binding), 404, 'binding_not_found');
  });

  it('refuses bindings to or from what does not exist, and leaves no binding behind', async () => {
    const exchange = await declareExchange('direct');
    const queue = await declareQueue();
    expectProblem(await call('POST', '/v1/bindings', { exchange: uniqueName('ghost'), queue }), 404, 'exchange_not_found');
    expectProblem(await call('POST', '/v1/bindings', { exchange, queue: uniqueName('ghost') }), 404, 'queue_not_found');
    expectProblem(await call('POST', '/v1/bindings', { exchange, destinationExchange: uniqueName('ghost') }), 404, 'exchange_not_found');
    expect((await call('GET', `${exchangePath(exchange)}/bindings`)).body).toEqual({ bindings: [] });
  });

  it('refuses malformed bindings: both or neither destination, a bad x-match, the default exchange', async () => {
    const exchange = await declareExchange('headers');
    const queue = await declareQueue();
    expectProblem(await call('POST', '/v1/bindings', { exchange }), 400, 'invalid_request');
    expectProblem(await call('POST', '/v1/bindings', { exchange, queue, destinationExchange: exchange }), 400, 'invalid_request');
    expectProblem(await call('POST', '/v1/bindings', { exchange, queue, arguments: { 'x-match': 'some' } }), 400, 'invalid_binding');
    expectProblem(await call('POST', '/v1/bindings', { exchange: 'amq.default', queue }), 403, 'access_refused');
    expect((await call('GET', `${queuePath(queue)}/bindings`)).body).toEqual({ bindings: [] });
  });

  it('forgets the bindings of a deleted queue', async () => {
    const exchange = await declareExchange('fanout');
    const queue = await declareQueue();
    await bind({ exchange, queue });
    expect((await call('DELETE', queuePath(queue))).status).toBe(204);
    expect((await call('GET', `${exchangePath(exchange)}/bindings`)).body).toEqual({ bindings: [] });
    expect((await testRoute(exchange, {})).queues).toEqual([]);
  });

  it('answers 404 for publishing and test-routing through an unknown exchange', async () => {
    const path = exchangePath(uniqueName('ghost'));
    expectProblem(await call('POST', `${path}/messages`, { body: 1 }), 404, 'exchange_not_found');
    expectProblem(await call('POST', `${path}/test-route`, {}), 404, 'exchange_not_found');
    expectProblem(await call('GET', `${path}/bindings`), 404, 'exchange_not_found');
  });
});
