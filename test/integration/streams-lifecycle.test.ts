import { beforeAll, describe, expect, it } from 'vitest';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';
import { declareStream, produce, read, streamPath } from '../support/stream-api.ts';

let queueApi: QueueApi;
beforeAll(async () => {
  queueApi = await startQueueApi();
});

const api = () => queueApi.api;

describe('stream declaration', () => {
  it('creates a stream with the default retention, then answers 200 to the same declaration', async () => {
    const name = queueApi.uniqueName('declare');

    const created = await api().put(streamPath(name), { partitions: 3 });
    const again = await api().put(streamPath(name), { partitions: 3, retentionHours: 168 });

    expect(created).toMatchObject({ status: 201, headers: { location: streamPath(name) }, json: { name, partitions: 3, retentionHours: 168 } });
    expect(again).toMatchObject({ status: 200, json: { name, partitions: 3, retentionHours: 168, createdAt: created.json.createdAt } });
  });

  it('refuses another retention with 409 and fewer partitions with partitions_cannot_decrease', async () => {
    const name = queueApi.uniqueName('conflict');
    await declareStream(api(), name, { partitions: 4, retentionHours: 24 });

    const otherRetention = await api().put(streamPath(name), { partitions: 4, retentionHours: 48 });
    const fewer = await api().put(streamPath(name), { partitions: 2, retentionHours: 24 });

    expect(otherRetention).toMatchObject({ status: 409, json: { code: 'stream_exists_with_different_settings', differences: [{ setting: 'retentionHours', existing: 24, requested: 48 }] } });
    expect(fewer).toMatchObject({ status: 409, json: { code: 'partitions_cannot_decrease', partitions: 4, requested: 2 } });
  });

  it('adds partitions on a redeclaration with more, keeping the records of the old ones', async () => {
    const name = queueApi.uniqueName('grow');
    await declareStream(api(), name, { partitions: 1 });
    await produce(api(), name, { records: [{ value: 'kept', partition: 0 }] });

    const grown = await api().put(streamPath(name), { partitions: 3 });
    const [onNew] = await produce(api(), name, { records: [{ value: 'new', partition: 2 }] });

    expect(grown).toMatchObject({ status: 200, json: { partitions: 3 } });
    expect(onNew).toMatchObject({ partition: 2, offset: 0 });
    expect((await read(api(), name, 0)).records.map((record) => record.value)).toEqual(['kept']);
  });

  it.each([
    ['a name with a space', 'has%20space'],
    ['a name of 250 characters', 'n'.repeat(250)],
    ['"."', '.'],
    ['".."', '..'],
  ])('refuses %s with 400 invalid_stream_name', async (_what, name) => {
    expect((await api().put(streamPath(name), { partitions: 1 })).json).toMatchObject({ status: 400, code: 'invalid_stream_name' });
  });

  it.each([
    ['no partitions', {}],
    ['0 partitions', { partitions: 0 }],
    ['1025 partitions', { partitions: 1025 }],
    ['a retention of 0 hours', { partitions: 1, retentionHours: 0 }],
    ['an unknown setting', { partitions: 1, compacted: true }],
  ])('refuses %s with 400 invalid_request', async (_what, body) => {
    expect((await api().put(streamPath(queueApi.uniqueName('bad')), body)).json).toMatchObject({ status: 400, code: 'invalid_request' });
  });
});

describe('listing, describing and deleting streams', () => {
  it('lists declared streams and describes each partition\'s log start and high watermark', async () => {
    const name = queueApi.uniqueName('describe');
    await declareStream(api(), name, { partitions: 2, retentionHours: 12 });
    await produce(api(), name, { records: [{ value: 1, partition: 1 }, { value: 2, partition: 1 }] });

    const listed = await api().get('/v1/streams');
    const described = await api().get(streamPath(name));

    expect(listed.json.streams).toContainEqual(expect.objectContaining({ name, partitions: 2, retentionHours: 12 }));
    expect(described).toMatchObject({
      status: 200,
      json: {
        name,
        partitions: 2,
        offsets: [
          { partition: 0, logStartOffset: 0, highWatermark: 0 },
          { partition: 1, logStartOffset: 0, highWatermark: 2 },
        ],
      },
    });
  });

  it('answers 404 stream_not_found for an unknown stream', async () => {
    const name = queueApi.uniqueName('unknown');

    expect((await api().get(streamPath(name))).json).toMatchObject({ status: 404, code: 'stream_not_found' });
    expect((await api().post(`${streamPath(name)}/records`, { records: [{ value: 1 }] })).json).toMatchObject({ status: 404, code: 'stream_not_found' });
    expect((await api().delete(streamPath(name))).json).toMatchObject({ status: 404, code: 'stream_not_found' });
  });

  it('deletes a stream: its records become unreachable, and a stream declared again under its name starts empty', async () => {
    const name = queueApi.uniqueName('delete');
    await declareStream(api(), name, { partitions: 1 });
    await produce(api(), name, { records: [{ value: 'old' }, { value: 'old' }] });
    await api().post(`${streamPath(name)}/groups/g/offsets`, { offsets: [{ partition: 0, offset: 2 }] });

    const deleted = await api().delete(streamPath(name));
    const gone = await api().get(`${streamPath(name)}/partitions/0/records`);
    await declareStream(api(), name, { partitions: 1 });
    const [first] = await produce(api(), name, { records: [{ value: 'new' }] });

    expect(deleted.status).toBe(204);
    expect(gone.json).toMatchObject({ status: 404, code: 'stream_not_found' });
    expect(first).toMatchObject({ partition: 0, offset: 0 });
    expect((await read(api(), name, 0)).records.map((record) => record.value)).toEqual(['new']);
    expect((await api().get(`${streamPath(name)}/groups/g`)).json).toMatchObject({ status: 404, code: 'group_not_found' });
  });
});
