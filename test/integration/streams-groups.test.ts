import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';
import { declareStream, groupPath, produce } from '../support/stream-api.ts';

let queueApi: QueueApi;
beforeAll(async () => {
  queueApi = await startQueueApi();
});
afterEach(() => {
  vi.useRealTimers();
});

const api = () => queueApi.api;

/** A stream of two partitions holding 3 and 1 records. */
async function streamWithRecords(label: string): Promise<string> {
  const name = queueApi.uniqueName(label);
  await declareStream(api(), name, { partitions: 2 });
  await produce(api(), name, { records: [{ value: 1, partition: 0 }, { value: 2, partition: 0 }, { value: 3, partition: 0 }, { value: 4, partition: 1 }] });
  return name;
}

async function commit(stream: string, group: string, offsets: { partition: number; offset: number }[]) {
  const response = await api().post(`${groupPath(stream, group)}/offsets`, { offsets });
  expect(response.status, JSON.stringify(response.json)).toBe(200);
}

describe('committed offsets', () => {
  it('creates a group with its first commit and shows committed offset, high watermark and lag per partition', async () => {
    const name = await streamWithRecords('commit');

    await commit(name, 'billing', [{ partition: 0, offset: 1 }]);
    const described = await api().get(groupPath(name, 'billing'));

    expect(described).toMatchObject({
      status: 200,
      json: {
        partitions: [
          { partition: 0, committedOffset: 1, highWatermark: 3, lag: 2 },
          { partition: 1, committedOffset: null, highWatermark: 1, lag: null },
        ],
        members: [],
      },
    });
  });

  it('keeps independent groups at their own pace, and a later commit replaces an earlier one', async () => {
    const name = await streamWithRecords('groups');

    await commit(name, 'a', [{ partition: 0, offset: 3 }, { partition: 1, offset: 1 }]);
    await commit(name, 'b', [{ partition: 0, offset: 0 }]);
    await commit(name, 'b', [{ partition: 0, offset: 2 }]);

    expect((await api().get(groupPath(name, 'a'))).json.partitions.map((p: any) => p.lag)).toEqual([0, 0]);
    expect((await api().get(groupPath(name, 'b'))).json.partitions.map((p: any) => p.committedOffset)).toEqual([2, null]);
  });

  it('answers 404 group_not_found for a group that never committed, and 400 for a bad group name', async () => {
    const name = await streamWithRecords('unknown-group');

    expect((await api().get(groupPath(name, 'nobody'))).json).toMatchObject({ status: 404, code: 'group_not_found' });
    expect((await api().get(groupPath(name, 'bad%20name'))).json).toMatchObject({ status: 400, code: 'invalid_group_name' });
  });

  it.each([
    ['an offset past the high watermark', [{ partition: 0, offset: 4 }], 416, 'offset_out_of_range'],
    ['a partition the stream does not have', [{ partition: 2, offset: 0 }], 400, 'partition_out_of_range'],
    ['a partition twice', [{ partition: 0, offset: 1 }, { partition: 0, offset: 2 }], 400, 'invalid_request'],
    ['a negative offset', [{ partition: 0, offset: -1 }], 400, 'invalid_request'],
  ])('refuses to commit %s, committing nothing', async (_what, offsets, status, code) => {
    const name = await streamWithRecords('bad-commit');

    expect((await api().post(`${groupPath(name, 'g')}/offsets`, { offsets })).json).toMatchObject({ status, code });
    expect((await api().get(groupPath(name, 'g'))).status).toBe(404);
  });
});

describe('listing groups', () => {
  it('lists every group in name order with its lag, offsets and members; a group whose members all expired and that never committed is gone', async () => {
    const start = Date.now();
    const name = await streamWithRecords('list');
    await commit(name, 'b', [{ partition: 0, offset: 1 }]);
    await commit(name, 'a', [{ partition: 0, offset: 3 }, { partition: 1, offset: 0 }]);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
    const joined = await api().post(`${groupPath(name, 'members')}/members`, { sessionTimeoutMs: 10_000 });
    const gone = await api().post(`${groupPath(name, 'gone')}/members`, { sessionTimeoutMs: 6_000 });
    expect([joined.status, gone.status]).toEqual([200, 200]);
    vi.setSystemTime(start + 8_000);

    const listed = await api().get(`/v1/streams/${name}/groups`);

    expect(listed.status).toBe(200);
    expect(listed.json.groups).toEqual([
      {
        group: 'a',
        lag: 1,
        partitions: [
          { partition: 0, committedOffset: 3, highWatermark: 3, lag: 0 },
          { partition: 1, committedOffset: 0, highWatermark: 1, lag: 1 },
        ],
        generation: 0,
        members: [],
      },
      expect.objectContaining({ group: 'b', lag: 2 }),
      {
        group: 'members',
        lag: null,
        partitions: [
          { partition: 0, committedOffset: null, highWatermark: 3, lag: null },
          { partition: 1, committedOffset: null, highWatermark: 1, lag: null },
        ],
        generation: 1,
        members: [{ memberId: joined.json.memberId, assignment: [0, 1], lastHeartbeatAt: new Date(start).toISOString() }],
      },
    ]);
  });

  it('lists no groups for a stream without any, and answers 404 for an unknown stream', async () => {
    const name = await streamWithRecords('list-none');

    expect(await api().get(`/v1/streams/${name}/groups`)).toMatchObject({ status: 200, json: { groups: [] } });
    expect(await api().get(`/v1/streams/${queueApi.uniqueName('absent')}/groups`)).toMatchObject({ status: 404, json: { code: 'stream_not_found' } });
  });
});

describe('resetting a group', () => {
  it('moves every partition to the log start or the end, or listed partitions to given offsets', async () => {
    const name = await streamWithRecords('reset');
    const offsets = async (to: unknown) => {
      const response = await api().post(`${groupPath(name, 'replay')}/reset`, { to });
      expect(response.status, JSON.stringify(response.json)).toBe(200);
      return response.json.partitions.map((p: any) => p.committedOffset);
    };

    expect(await offsets('latest')).toEqual([3, 1]);
    expect(await offsets('earliest')).toEqual([0, 0]);
    expect(await offsets({ offsets: [{ partition: 1, offset: 1 }] })).toEqual([0, 1]);
  });

  it('moves every partition to the first record at or after a time, or to the end when there is none', async () => {
    const start = Date.now();
    const name = queueApi.uniqueName('reset-time');
    await declareStream(api(), name, { partitions: 2 });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
    await produce(api(), name, { records: [{ value: 'early', partition: 0 }, { value: 'early', partition: 1 }] });
    vi.setSystemTime(start + 60_000);
    await produce(api(), name, { records: [{ value: 'late', partition: 0 }] });

    const reset = await api().post(`${groupPath(name, 'from-time')}/reset`, { to: { timestamp: new Date(start + 30_000).toISOString() } });

    expect(reset.json.partitions).toEqual([
      { partition: 0, committedOffset: 1, highWatermark: 2, lag: 1 },
      { partition: 1, committedOffset: 1, highWatermark: 1, lag: 0 },
    ]);
  });

  it('refuses a target that is none of earliest, latest, a time or offsets', async () => {
    const name = await streamWithRecords('reset-bad');

    expect((await api().post(`${groupPath(name, 'g')}/reset`, { to: 'middle' })).json).toMatchObject({ status: 400, code: 'invalid_request' });
  });
});
