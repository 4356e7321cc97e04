import { describe, expect, it } from 'vitest';
import { call, expectProblem, uniqueName } from '../support/client.ts';

// Black-box HTTP: every answer is also checked against the served API document (see support/contract.ts).
const storePath = (store: string) => `/v1/event-stores/${store}`;
const eventsPath = (store: string, streamId: string) => `${storePath(store)}/streams/${streamId}/events`;

async function declaredStore(settings: Record<string, unknown> = { partitions: 2 }): Promise<string> {
  const store = uniqueName('es');
  expect((await call('PUT', storePath(store), settings)).status).toBe(201);
  return store;
}

describe('event stores over HTTP', () => {
  it('appends with optimistic concurrency, repeats idempotently, and reads the stream and its log', async () => {
    const store = await declaredStore();
    const opened = { expectedVersion: 'no_stream', events: [{ eventId: 'opened-1', type: 'AccountOpened', data: { owner: 'Ada' } }] };

    expect((await call('POST', eventsPath(store, 'acc'), opened)).body).toEqual({ firstVersion: 0, lastVersion: 0 });
    expect((await call('POST', eventsPath(store, 'acc'), opened)).body).toEqual({ firstVersion: 0, lastVersion: 0 });
    const late = await call('POST', eventsPath(store, 'acc'), { expectedVersion: 'no_stream', events: [{ type: 'AccountOpened', data: {} }] });
    expectProblem(late, 409, 'wrong_expected_version');
    expect(late.body.currentVersion).toBe(0);
    expect((await call('POST', eventsPath(store, 'acc'), { expectedVersion: 0, events: [{ type: 'MoneyDeposited', data: { amount: 5 } }] })).status).toBe(201);

    const read = await call('GET', `${eventsPath(store, 'acc')}?max=10`);
    expect(read.body.events.map((event: { version: number; type: string }) => [event.version, event.type])).toEqual([[0, 'AccountOpened'], [1, 'MoneyDeposited']]);
    const described = await call('GET', storePath(store));
    const log = await call('GET', `/v1/streams/${described.body.log}`);
    const records = (await Promise.all(log.body.offsets.map((offset: { partition: number }) => call('GET', `/v1/streams/${described.body.log}/partitions/${offset.partition}/records`)))).flatMap((page) => page.body.records);
    expect(records.map((record: { key: string; value: { version: number } }) => [record.key, record.value.version])).toEqual([['acc', 0], ['acc', 1]]);
  });

  it('answers the documented problems', async () => {
    const store = await declaredStore({ partitions: 1 });
    expectProblem(await call('GET', storePath(uniqueName('none'))), 404, 'event_store_not_found');
    expectProblem(await call('GET', eventsPath(store, 'nobody')), 404, 'stream_not_found');
    expectProblem(await call('POST', eventsPath(store, 'bad!id'), { events: [{ type: 'A', data: 1 }] }), 400, 'invalid_stream_id');
    expectProblem(await call('PUT', storePath(store), { partitions: 2 }), 409, 'event_store_exists_with_different_settings');
    expect((await call('PUT', `${storePath(store)}/schemas/A/1`, { type: 'integer' })).status).toBe(201);
    const violation = await call('POST', eventsPath(store, 'a'), { events: [{ type: 'A', data: 'one' }] });
    expectProblem(violation, 422, 'schema_violation');
    expect(violation.body.pointer).toBe('/events/0/data');
    await call('POST', eventsPath(store, 'a'), { events: [{ type: 'A', data: 1 }] });
    expectProblem(await call('PUT', `${storePath(store)}/streams/a/snapshot`, { version: 1, state: {} }), 409, 'snapshot_beyond_stream');
    expect((await call('DELETE', storePath(store))).status).toBe(204);
  });
});
