import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GroupMemberships } from '../../functions/adapters/group-memberships.ts';
import { GroupOffsets } from '../../functions/adapters/group-offsets.ts';
import { StreamRegistry } from '../../functions/adapters/stream-registry.ts';
import { ApiEnvironment } from '../../functions/api/environment.ts';
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
const memberPath = (stream: string, group: string, memberId: string) => `${groupPath(stream, group)}/members/${memberId}`;

interface Joined {
  memberId: string;
  generation: number;
  assignment: number[];
}

async function join(stream: string, group: string, body: Record<string, unknown> = {}): Promise<Joined> {
  const response = await api().post(`${groupPath(stream, group)}/members`, body);
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  return response.json;
}

const heartbeat = (stream: string, group: string, member: Joined) => api().post(`${memberPath(stream, group, member.memberId)}/heartbeat`, { generation: member.generation });

async function poll(stream: string, group: string, member: Joined) {
  const response = await api().post(`${memberPath(stream, group, member.memberId)}/poll`, { generation: member.generation });
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  return response.json.records as { partition: number; offset: number; value: unknown }[];
}

async function streamOf(label: string, partitions: number): Promise<string> {
  const name = queueApi.uniqueName(label);
  await declareStream(api(), name, { partitions });
  return name;
}

describe('joining, rebalancing and leaving', () => {
  it('gives the first member every partition, rebalances for a second, fences the first until it joins again, and hands everything back on leave', async () => {
    const name = await streamOf('rebalance', 4);

    const first = await join(name, 'g', { memberId: 'm-a' });
    expect(first).toEqual({ memberId: 'm-a', generation: 1, assignment: [0, 1, 2, 3] });

    const second = await join(name, 'g');
    expect(second.generation).toBe(2);
    expect((await heartbeat(name, 'g', first)).json).toMatchObject({ status: 409, code: 'stale_generation', generation: 2 });

    const rejoined = await join(name, 'g', { memberId: 'm-a' });
    expect(rejoined.generation).toBe(2);
    expect([...rejoined.assignment, ...second.assignment].sort()).toEqual([0, 1, 2, 3]);
    expect(rejoined.assignment).toHaveLength(2);
    expect((await heartbeat(name, 'g', second)).json).toEqual({ ...second, generation: 2 });

    const described = await api().get(groupPath(name, 'g'));
    expect(described.json).toMatchObject({ generation: 2, members: expect.arrayContaining([{ memberId: 'm-a', assignment: rejoined.assignment, lastHeartbeatAt: expect.any(String) }]) });

    expect((await api().delete(memberPath(name, 'g', 'm-a'))).status).toBe(204);
    expect((await heartbeat(name, 'g', second)).json).toMatchObject({ code: 'stale_generation', generation: 3 });
    expect(await join(name, 'g', { memberId: second.memberId })).toEqual({ memberId: second.memberId, generation: 3, assignment: [0, 1, 2, 3] });
    expect((await api().delete(memberPath(name, 'g', 'm-a'))).status).toBe(204);
  });

  it('moves the partitions of a member that misses heartbeats past its session timeout', async () => {
    const name = await streamOf('timeout', 2);
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
    const silent = await join(name, 'g', { memberId: 'silent', sessionTimeoutMs: 6000 });
    const alive = await join(name, 'g', { memberId: 'alive', sessionTimeoutMs: 6000 });

    vi.setSystemTime(start + 5000);
    expect((await heartbeat(name, 'g', alive)).status).toBe(200);
    vi.setSystemTime(start + 7000);

    expect((await heartbeat(name, 'g', alive)).json).toMatchObject({ code: 'stale_generation', generation: 3 });
    expect(await join(name, 'g', { memberId: 'alive' })).toMatchObject({ generation: 3, assignment: [0, 1] });
    expect((await heartbeat(name, 'g', silent)).json).toMatchObject({ status: 404, code: 'member_not_found' });
  });

  it('refuses a bad session timeout, member id or generation, and answers 404 for an unknown stream', async () => {
    const name = await streamOf('bad-join', 1);

    expect((await api().post(`${groupPath(name, 'g')}/members`, { sessionTimeoutMs: 1000 })).json).toMatchObject({ status: 400, code: 'invalid_request' });
    expect((await api().post(`${memberPath(name, 'g', 'bad%20id')}/heartbeat`, { generation: 1 })).json).toMatchObject({ status: 400, code: 'invalid_request' });
    expect((await api().post(`${memberPath(name, 'g', 'm')}/poll`, {})).json).toMatchObject({ status: 400, code: 'invalid_request' });
    expect((await api().post(`${groupPath('nope', 'g')}/members`, {})).json).toMatchObject({ status: 404, code: 'stream_not_found' });
  });
});

describe('polling and committing as a member', () => {
  it('polls its partitions from the committed offsets, from the end where the group never committed, until it commits', async () => {
    const name = await streamOf('poll', 2);
    await produce(api(), name, { records: [{ value: 1, partition: 0 }, { value: 2, partition: 0 }, { value: 3, partition: 0 }, { value: 4, partition: 1 }] });
    expect((await api().post(`${groupPath(name, 'g')}/offsets`, { offsets: [{ partition: 0, offset: 1 }] })).status).toBe(200);
    const member = await join(name, 'g');

    expect(await poll(name, 'g', member)).toMatchObject([{ partition: 0, offset: 1, value: 2 }, { partition: 0, offset: 2, value: 3 }]);
    await produce(api(), name, { records: [{ value: 5, partition: 1 }] });
    const records = await poll(name, 'g', member);
    expect(records.map((record) => [record.partition, record.offset])).toEqual([[0, 1], [0, 2], [1, 1]]);

    const offsets = [{ partition: 0, offset: 3 }, { partition: 1, offset: 2 }];
    expect((await api().post(`${groupPath(name, 'g')}/offsets`, { offsets, memberId: member.memberId, generation: member.generation })).status).toBe(200);
    expect(await poll(name, 'g', member)).toEqual([]);
  });

  it('fences a stale member\'s poll and commit with 409, while a commit without member info stays allowed', async () => {
    const name = await streamOf('fence', 2);
    await produce(api(), name, { records: [{ value: 1, partition: 0 }] });
    const stale = await join(name, 'g');
    await join(name, 'g');
    const commit = (body: Record<string, unknown>) => api().post(`${groupPath(name, 'g')}/offsets`, { offsets: [{ partition: 0, offset: 1 }], ...body });

    expect((await commit({ memberId: stale.memberId, generation: stale.generation })).json).toMatchObject({ status: 409, code: 'stale_generation' });
    expect((await api().post(`${memberPath(name, 'g', stale.memberId)}/poll`, { generation: stale.generation })).json).toMatchObject({ status: 409, code: 'stale_generation' });
    expect((await commit({ memberId: stale.memberId })).json).toMatchObject({ status: 400, code: 'invalid_request' });
    expect((await commit({})).status).toBe(200);
  });

  it('guards a member\'s commit in its write, so a rebalance after the check cannot let a stale commit through', async () => {
    const name = await streamOf('guard', 1);
    await produce(api(), name, { records: [{ value: 1 }] });
    await join(name, 'g');
    await join(name, 'g');
    // Imported late, as the handler is: the clients are built for the environment the stack gives.
    const { documents } = await import('../../functions/adapters/aws-clients.ts');
    const table = process.env[ApiEnvironment.metadataTable]!;
    const stream = (await new StreamRegistry(documents, table).find(name, { consistent: true }))!;
    const memberships = new GroupMemberships(documents, table);
    const offsets = new GroupOffsets(documents, table);
    const commitAt = (generation: number) => offsets.commitGuarded(stream, 'g', [{ partition: 0, offset: 1 }], new Date(), memberships.generationGuard(stream, 'g', generation));

    expect(await commitAt(1)).toBe(false);
    expect(await offsets.committed(stream, 'g')).toEqual(new Map());
    expect(await commitAt(2)).toBe(true);
    expect(await offsets.committed(stream, 'g')).toEqual(new Map([[0, 1]]));
  });

  it('lets independent groups read the same records at their own pace', async () => {
    const name = await streamOf('independent', 1);
    const fast = await join(name, 'fast');
    const slow = await join(name, 'slow');
    await poll(name, 'fast', fast);
    await poll(name, 'slow', slow);
    await produce(api(), name, { records: [{ value: 'a' }, { value: 'b' }] });

    expect((await poll(name, 'fast', fast)).map((record) => record.value)).toEqual(['a', 'b']);
    await api().post(`${groupPath(name, 'fast')}/offsets`, { offsets: [{ partition: 0, offset: 2 }], memberId: fast.memberId, generation: fast.generation });

    expect(await poll(name, 'fast', fast)).toEqual([]);
    expect((await poll(name, 'slow', slow)).map((record) => record.value)).toEqual(['a', 'b']);
  });
});
