import { beforeAll, describe, expect, it } from 'vitest';
import { exchangeFixtures } from '../support/exchange-fixtures.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

let queueApi: QueueApi;
let fixtures: ReturnType<typeof exchangeFixtures>;
beforeAll(async () => {
  queueApi = await startQueueApi();
  fixtures = exchangeFixtures(queueApi);
});

const bindingsFrom = async (exchange: string) => (await queueApi.api.get(`/v1/exchanges/${exchange}/bindings`)).json.bindings;
const bindingsTo = async (queue: string) => (await queueApi.api.get(`/v1/queues/${queue}/bindings`)).json.bindings;

describe('exchange declaration', () => {
  it('creates an exchange, answers 200 to the same declaration and 409 naming the differences to another', async () => {
    const name = queueApi.uniqueName('x');

    const created = await queueApi.api.put(`/v1/exchanges/${name}`, { type: 'topic', alternateExchange: 'elsewhere' });
    const again = await queueApi.api.put(`/v1/exchanges/${name}`, { type: 'topic', alternateExchange: 'elsewhere' });
    const other = await queueApi.api.put(`/v1/exchanges/${name}`, { type: 'fanout' });

    expect(created).toMatchObject({ status: 201, headers: { location: `/v1/exchanges/${name}` } });
    expect(created.json).toEqual({ name, type: 'topic', alternateExchange: 'elsewhere', createdAt: expect.any(String) });
    expect(again).toMatchObject({ status: 200, json: created.json });
    expect(other.json).toMatchObject({
      status: 409,
      code: 'exchange_exists_with_different_settings',
      differences: [
        { setting: 'type', existing: 'topic', requested: 'fanout' },
        { setting: 'alternateExchange', existing: 'elsewhere', requested: null },
      ],
    });
  });

  it('ends concurrent equal declarations with one exchange', async () => {
    const name = queueApi.uniqueName('x-race');

    const responses = await Promise.all([1, 2, 3].map(() => queueApi.api.put(`/v1/exchanges/${name}`, { type: 'direct' })));

    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 201]);
  });

  it('lists the default exchange first, and describes it and declared ones', async () => {
    const name = await fixtures.exchange('headers');

    const listed = await queueApi.api.get('/v1/exchanges');
    const described = await queueApi.api.get(`/v1/exchanges/${name}`);
    const defaultOne = await queueApi.api.get('/v1/exchanges/amq.default');

    expect(listed.json.exchanges[0]).toEqual({ name: 'amq.default', type: 'direct' });
    expect(listed.json.exchanges).toContainEqual(described.json);
    expect(described.json).toMatchObject({ name, type: 'headers' });
    expect(defaultOne).toMatchObject({ status: 200, json: { name: 'amq.default', type: 'direct' } });
  });

  it.each([
    ['an invalid name', 'PUT', '/v1/exchanges/has%20space', { type: 'direct' }, 400, 'invalid_exchange_name'],
    ['an unknown type', 'PUT', '/v1/exchanges/fine', { type: 'x-delayed' }, 400, 'invalid_request'],
    ['no type', 'PUT', '/v1/exchanges/fine', {}, 400, 'invalid_request'],
    ['the default exchange', 'PUT', '/v1/exchanges/amq.default', { type: 'direct' }, 403, 'access_refused'],
    ['another amq. name', 'PUT', '/v1/exchanges/amq.topic', { type: 'topic' }, 403, 'access_refused'],
    ['deleting the default exchange', 'DELETE', '/v1/exchanges/amq.default', undefined, 403, 'access_refused'],
    ['an unknown exchange', 'GET', '/v1/exchanges/ghost-exchange', undefined, 404, 'exchange_not_found'],
    ['deleting an unknown exchange', 'DELETE', '/v1/exchanges/ghost-exchange', undefined, 404, 'exchange_not_found'],
  ])('refuses %s', async (_case, method, path, json, status, code) => {
    const response = await queueApi.api.call({ method, path, json });

    expect(response.json).toMatchObject({ status, code });
  });
});

describe('bindings', () => {
  it('binds once however often the same binding is made, with arguments compared canonically', async () => {
    const exchange = await fixtures.exchange('headers');
    const queue = await fixtures.queue();
    const binding = { exchange, queue, arguments: { 'x-match': 'any', a: 1, b: null } };

    const created = await queueApi.api.post('/v1/bindings', binding);
    const again = await queueApi.api.post('/v1/bindings', { exchange, queue, bindingKey: '', arguments: { b: null, a: 1, 'x-match': 'any' } });
    const different = await queueApi.api.post('/v1/bindings', { exchange, queue, arguments: { 'x-match': 'any', a: '1', b: null } });

    expect(created).toMatchObject({ status: 201, json: { ...binding, bindingKey: '' } });
    expect(again.status).toBe(200);
    expect(different.status).toBe(201);
    expect(await bindingsFrom(exchange)).toHaveLength(2);
    expect(await bindingsTo(queue)).toHaveLength(2);
  });

  it('lists bindings from an exchange and to a queue, and unbinds', async () => {
    const [source, destination] = [await fixtures.exchange('topic'), await fixtures.exchange('fanout')];
    const queue = await fixtures.queue();
    await fixtures.bind({ exchange: source, queue, bindingKey: 'a.*' });
    await fixtures.bind({ exchange: source, destinationExchange: destination, bindingKey: '#' });

    expect(await bindingsFrom(source)).toEqual(
      expect.arrayContaining([
        { exchange: source, queue, bindingKey: 'a.*', arguments: {} },
        { exchange: source, destinationExchange: destination, bindingKey: '#', arguments: {} },
      ]),
    );
    expect(await bindingsTo(queue)).toEqual([{ exchange: source, queue, bindingKey: 'a.*', arguments: {} }]);
    expect((await queueApi.api.post('/v1/bindings', { exchange: destination, destinationExchange: destination })).status).toBe(201);

    const unbound = await queueApi.api.call({ method: 'DELETE', path: '/v1/bindings', json: { exchange: source, queue, bindingKey: 'a.*' } });
    const again = await queueApi.api.call({ method: 'DELETE', path: '/v1/bindings', json: { exchange: source, queue, bindingKey: 'a.*' } });

    expect(unbound.status).toBe(204);
    expect(again.json).toMatchObject({ status: 404, code: 'binding_not_found' });
    expect(await bindingsTo(queue)).toEqual([]);
  });

  it('refuses what it cannot bind, and leaves no binding behind', async () => {
    const exchange = await fixtures.exchange('headers');
    const queue = await fixtures.queue();
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ exchange: 'ghost-exchange', queue }, 404, 'exchange_not_found'],
      [{ exchange, queue: 'ghost-queue' }, 404, 'queue_not_found'],
      [{ exchange, destinationExchange: 'ghost-exchange' }, 404, 'exchange_not_found'],
      [{ exchange, queue, arguments: { 'x-match': 'some' } }, 400, 'invalid_binding'],
      [{ exchange }, 400, 'invalid_request'],
      [{ exchange, queue, destinationExchange: exchange }, 400, 'invalid_request'],
      [{ exchange: 'amq.default', queue }, 403, 'access_refused'],
      [{ exchange, destinationExchange: 'amq.default' }, 403, 'access_refused'],
    ];

    for (const [json, status, code] of cases) {
      expect((await queueApi.api.post('/v1/bindings', json)).json, JSON.stringify(json)).toMatchObject({ status, code });
    }
    expect(await bindingsFrom(exchange)).toEqual([]);
    expect((await queueApi.api.get('/v1/exchanges/ghost-exchange/bindings')).json.code).toBe('exchange_not_found');
    expect((await queueApi.api.get('/v1/queues/ghost-queue/bindings')).json.code).toBe('queue_not_found');
  });
});

describe('deleting what bindings connect', () => {
  it('deletes an exchange with the bindings from and to it; ifUnused refuses while it is a source', async () => {
    const [upstream, exchange] = [await fixtures.exchange('fanout'), await fixtures.exchange('direct')];
    const queue = await fixtures.queue();
    await fixtures.bind({ exchange, queue, bindingKey: 'k' });
    await fixtures.bind({ exchange: upstream, destinationExchange: exchange });

    const refused = await queueApi.api.delete(`/v1/exchanges/${exchange}?ifUnused=true`);
    const deleted = await queueApi.api.delete(`/v1/exchanges/${exchange}`);

    expect(refused.json).toMatchObject({ status: 409, code: 'exchange_in_use', bindings: 1 });
    expect(deleted.status).toBe(204);
    expect((await queueApi.api.get(`/v1/exchanges/${exchange}`)).json.code).toBe('exchange_not_found');
    expect(await bindingsTo(queue)).toEqual([]);
    expect(await bindingsFrom(upstream)).toEqual([]);
  });

  it('deletes a queue with the bindings to it, so routing forgets it', async () => {
    const exchange = await fixtures.exchange('fanout');
    const [kept, doomed] = [await fixtures.queue(), await fixtures.queue()];
    await fixtures.bind({ exchange, queue: kept });
    await fixtures.bind({ exchange, queue: doomed });

    expect((await queueApi.api.delete(`/v1/queues/${doomed}`)).status).toBe(204);

    expect(await bindingsFrom(exchange)).toEqual([{ exchange, queue: kept, bindingKey: '', arguments: {} }]);
    expect((await queueApi.api.post(`/v1/exchanges/${exchange}/test-route`, {})).json.queues).toEqual([kept]);
  });

  it('leaves no binding to a queue or exchange deleted while bindings to it were being made', async () => {
    const [source, doomedExchange] = [await fixtures.exchange('topic'), await fixtures.exchange('fanout')];
    const doomedQueue = await fixtures.queue();
    const binds = ['a', 'b', 'c', 'd'].flatMap((bindingKey) => [
      queueApi.api.post('/v1/bindings', { exchange: source, queue: doomedQueue, bindingKey }),
      queueApi.api.post('/v1/bindings', { exchange: source, destinationExchange: doomedExchange, bindingKey }),
    ]);

    const [queueDeleted, exchangeDeleted, ...bound] = await Promise.all([
      queueApi.api.delete(`/v1/queues/${doomedQueue}`),
      queueApi.api.delete(`/v1/exchanges/${doomedExchange}`),
      ...binds,
    ]);

    expect([queueDeleted.status, exchangeDeleted.status]).toEqual([204, 204]);
    expect(bound.map((response) => response.status).filter((status) => status !== 201 && status !== 404)).toEqual([]);
    expect(await bindingsFrom(source)).toEqual([]);
  });
});
