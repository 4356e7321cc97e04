import { beforeAll, describe, expect, it } from 'vitest';
import { partitionForKey } from '../../functions/core/partitioning/key-partition.ts';
import { append, declareStore, eventsPath, readLog, readStream, storePath } from '../support/event-store-api.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

let queueApi: QueueApi;
beforeAll(async () => {
  queueApi = await startQueueApi();
});

const api = () => queueApi.api;

async function declared(label: string, settings: Record<string, unknown> = { partitions: 2 }): Promise<string> {
  const store = queueApi.uniqueName(label);
  await declareStore(api(), store, settings);
  return store;
}

const deposit = (amount: number, eventId?: string) => ({ type: 'MoneyDeposited', data: { amount }, ...(eventId && { eventId }) });

describe('declaring event stores', () => {
  it('declares a store with the stream that carries its log, answers the same settings with 200, others with 409, and deletes both', async () => {
    const store = queueApi.uniqueName('declare');

    const created = await api().put(storePath(store), { partitions: 3, snapshotEvery: 50 });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: store, partitions: 3, snapshotEvery: 50, log: `${store}.events` });
    expect((await api().put(storePath(store), { partitions: 3, snapshotEvery: 50 })).status).toBe(200);
    const different = await api().put(storePath(store), { partitions: 4 });
    expect(different.status).toBe(409);
    expect(different.json.code).toBe('event_store_exists_with_different_settings');
    expect((await api().get(`/v1/streams/${store}.events`)).json).toMatchObject({ partitions: 3 });
    expect((await api().get(storePath(store))).json).toEqual(created.json);

    expect((await api().delete(storePath(store))).status).toBe(204);
    expect((await api().get(storePath(store))).json.code).toBe('event_store_not_found');
    expect((await api().get(`/v1/streams/${store}.events`)).status).toBe(404);
  });
});

describe('appending and reading', () => {
  it('gives gap-free versions from 0, reads forward, backward and as of a time, and writes each event to the log keyed by its stream', async () => {
    const store = await declared('append');
    expect(await append(api(), store, 'account-1', { expectedVersion: 'no_stream', events: [deposit(10), deposit(20)] })).toEqual({ firstVersion: 0, lastVersion: 1 });
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await append(api(), store, 'account-1', { expectedVersion: 1, events: [deposit(30)] })).toEqual({ firstVersion: 2, lastVersion: 2 });
    expect(await append(api(), store, 'account-1', { events: [{ type: 'MoneyWithdrawn', data: { amount: 5 }, metadata: { user: 'u-1' }, schemaVersion: 2 }] })).toEqual({ firstVersion: 3, lastVersion: 3 });

    const all = await readStream(api(), store, 'account-1');
    expect(all.map((event) => [event.version, event.type, event.data])).toEqual([
      [0, 'MoneyDeposited', { amount: 10 }],
      [1, 'MoneyDeposited', { amount: 20 }],
      [2, 'MoneyDeposited', { amount: 30 }],
      [3, 'MoneyWithdrawn', { amount: 5 }],
    ]);
    expect(all[3]).toMatchObject({ metadata: { user: 'u-1' }, schemaVersion: 2 });

    const page = await api().get(`${eventsPath(store, 'account-1')}?fromVersion=1&max=2`);
    expect(page.json.events.map((event: { version: number }) => event.version)).toEqual([1, 2]);
    expect(page.json.nextVersion).toBe(3);
    const backward = await api().get(`${eventsPath(store, 'account-1')}?direction=backward&fromVersion=2&max=2`);
    expect(backward.json.events.map((event: { version: number }) => event.version)).toEqual([2, 1]);
    expect(backward.json.nextVersion).toBe(0);
    const asOf = await api().get(`${eventsPath(store, 'account-1')}?asOf=${between}`);
    expect(asOf.json.events.map((event: { version: number }) => event.version)).toEqual([0, 1]);
    expect(asOf.json.nextVersion).toBeNull();
    expect((await api().get(`${eventsPath(store, 'account-1')}?asOf=2000-01-01T00:00:00Z`)).json.code).toBe('stream_not_found');
    expect((await api().get(eventsPath(store, 'account-2'))).json.code).toBe('stream_not_found');

    const log = await readLog(api(), store, 2);
    expect(log.map((record) => [record.partition, record.key, record.version, record.eventId])).toEqual(
      all.map((event) => [partitionForKey('account-1', 2), 'account-1', event.version, event.eventId]),
    );
    expect(log[3]).toEqual({ ...all[3], streamId: 'account-1', partition: partitionForKey('account-1', 2), key: 'account-1' });
  });

  it('refuses a wrong expectation with the current version and writes nothing', async () => {
    const store = await declared('expect');
    const missing = await api().post(eventsPath(store, 'a'), { expectedVersion: 'exists', events: [deposit(1)] });
    expect(missing.status).toBe(409);
    expect(missing.json).toMatchObject({ code: 'wrong_expected_version', currentVersion: null });
    await append(api(), store, 'a', { expectedVersion: 'no_stream', events: [deposit(1)] });
    for (const expectedVersion of ['no_stream', 1, 5]) {
      const refused = await api().post(eventsPath(store, 'a'), { expectedVersion, events: [deposit(2)] });
      expect(refused.status).toBe(409);
      expect(refused.json).toMatchObject({ code: 'wrong_expected_version', currentVersion: 0 });
    }
    expect(await readStream(api(), store, 'a')).toHaveLength(1);
    expect(await readLog(api(), store, 2)).toHaveLength(1);
  });

  it('answers a repeated append with its original result and writes nothing; a reused event id is a conflict', async () => {
    const store = await declared('idempotent');
    const first = { expectedVersion: 'no_stream', events: [deposit(1, 'e-1'), deposit(2, 'e-2')] };
    expect(await append(api(), store, 'a', first)).toEqual({ firstVersion: 0, lastVersion: 1 });
    await append(api(), store, 'a', { expectedVersion: 1, events: [deposit(3, 'e-3')] });
    expect(await append(api(), store, 'a', first)).toEqual({ firstVersion: 0, lastVersion: 1 });
    expect(await append(api(), store, 'a', { expectedVersion: 1, events: [deposit(3, 'e-3')] })).toEqual({ firstVersion: 2, lastVersion: 2 });
    expect(await append(api(), store, 'a', { events: [deposit(3, 'e-3')] })).toEqual({ firstVersion: 2, lastVersion: 2 });

    const changed = await api().post(eventsPath(store, 'a'), { expectedVersion: 1, events: [deposit(4, 'e-3')] });
    expect(changed.status).toBe(409);
    expect(changed.json).toMatchObject({ code: 'event_id_conflict', eventId: 'e-3', version: 2 });
    const reused = await api().post(eventsPath(store, 'a'), { events: [deposit(5, 'e-4'), deposit(1, 'e-1')] });
    expect(reused.json).toMatchObject({ code: 'event_id_conflict', eventId: 'e-1', version: 0 });

    expect((await readStream(api(), store, 'a')).map((event) => event.eventId)).toEqual(['e-1', 'e-2', 'e-3']);
    expect((await readLog(api(), store, 2)).map((event) => event.eventId)).toEqual(['e-1', 'e-2', 'e-3']);
  });
});

describe('snapshots', () => {
  it('loads an aggregate from its latest snapshot and the events after it, and refuses a snapshot beyond the stream', async () => {
    const store = await declared('snapshot', { partitions: 1, snapshotEvery: 2 });
    await append(api(), store, 'acc', { events: [deposit(1), deposit(2), deposit(3)] });
    const noSnapshot = await api().get(`${storePath(store)}/streams/acc/state`);
    expect(noSnapshot.json).toMatchObject({ snapshot: null, version: 2, nextVersion: null, snapshotDue: true });
    expect(noSnapshot.json.events).toHaveLength(3);

    const beyond = await api().put(`${storePath(store)}/streams/acc/snapshot`, { version: 3, state: { balance: 6 } });
    expect(beyond.json).toMatchObject({ status: 409, code: 'snapshot_beyond_stream', currentVersion: 2 });
    expect((await api().put(`${storePath(store)}/streams/acc/snapshot`, { version: 1, state: { balance: 3 } })).status).toBe(200);
    await append(api(), store, 'acc', { expectedVersion: 2, events: [deposit(4)] });

    const state = await api().get(`${storePath(store)}/streams/acc/state`);
    expect(state.json).toMatchObject({ snapshot: { version: 1, state: { balance: 3 } }, version: 3, snapshotDue: true });
    expect(state.json.events.map((event: { version: number }) => event.version)).toEqual([2, 3]);
    expect((await api().get(`${storePath(store)}/streams/none/state`)).json.code).toBe('stream_not_found');
  });
});

describe('event schemas', () => {
  it('validates appends against the schema registered for their type and version, naming the event and the JSON pointer', async () => {
    const store = await declared('schemas');
    const schema = { type: 'object', required: ['amount'], properties: { amount: { type: 'integer', minimum: 1 } }, additionalProperties: false };
    expect((await api().put(`${storePath(store)}/schemas/MoneyDeposited/1`, schema)).status).toBe(201);
    expect((await api().put(`${storePath(store)}/schemas/MoneyDeposited/1`, schema)).status).toBe(200);
    expect((await api().put(`${storePath(store)}/schemas/MoneyDeposited/1`, { type: 'object' })).json.code).toBe('schema_exists_with_different_definition');
    expect((await api().put(`${storePath(store)}/schemas/MoneyDeposited/2`, { type: 'objekt' })).json.code).toBe('invalid_schema');

    const refused = await api().post(eventsPath(store, 'a'), { events: [deposit(5), deposit(0), { type: 'MoneyDeposited', schemaVersion: 2, data: 'anything' }] });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ code: 'schema_violation', eventIndex: 1, pointer: '/events/1/data/amount' });
    expect((await api().get(eventsPath(store, 'a'))).status).toBe(404);
    await append(api(), store, 'a', { events: [deposit(5), { type: 'MoneyDeposited', schemaVersion: 2, data: 'anything' }] });
  });
});
