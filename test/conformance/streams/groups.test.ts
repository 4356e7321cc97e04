import { describe, expect, it } from 'vitest';
import { call, expectProblem } from '../support/client.ts';
import { declareStream, describeGroup, produce, streamPath } from '../support/streams.ts';

describe('streams: consumer groups', () => {
  it('commits offsets and reports lag per partition; groups move independently', async () => {
    const name = await declareStream({ partitions: 2 });
    await produce(name, { records: [{ value: 1, partition: 0 }, { value: 2, partition: 0 }, { value: 3, partition: 1 }] });

    expect((await call('POST', `${streamPath(name)}/groups/fast/offsets`, { offsets: [{ partition: 0, offset: 2 }, { partition: 1, offset: 1 }] })).status).toBe(200);
    expect((await call('POST', `${streamPath(name)}/groups/slow/offsets`, { offsets: [{ partition: 0, offset: 0 }] })).status).toBe(200);

    expect((await describeGroup(name, 'fast')).partitions.map((p) => p.lag)).toEqual([0, 0]);
    expect(await describeGroup(name, 'slow')).toEqual({
      stream: name,
      group: 'slow',
      lag: 2,
      partitions: [
        { partition: 0, committedOffset: 0, highWatermark: 2, lag: 2 },
        { partition: 1, committedOffset: null, highWatermark: 1, lag: null },
      ],
      generation: 0,
      members: [],
    });
  });

  it("lists the stream's groups in name order, each with its total lag", async () => {
    const name = await declareStream({ partitions: 2 });
    await produce(name, { records: [{ value: 1, partition: 0 }, { value: 2, partition: 1 }] });
    for (const [group, offset] of [['slow', 0], ['fast', 1]] as const) {
      expect((await call('POST', `${streamPath(name)}/groups/${group}/offsets`, { offsets: [{ partition: 0, offset }, { partition: 1, offset }] })).status).toBe(200);
    }

    const listed = await call('GET', `${streamPath(name)}/groups`);

    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.groups.map((g: { group: string; lag: number }) => [g.group, g.lag])).toEqual([['fast', 0], ['slow', 2]]);
    expect(listed.body.groups[1]).toEqual({ ...(await describeGroup(name, 'slow')), stream: undefined });
  });

  it('resets a group to the end and back to the start (replay)', async () => {
    const name = await declareStream({ partitions: 1 });
    await produce(name, { records: [{ value: 'a' }, { value: 'b' }] });

    const latest = await call('POST', `${streamPath(name)}/groups/replay/reset`, { to: 'latest' });
    expect(latest.body.partitions[0]).toMatchObject({ committedOffset: 2, lag: 0 });
    const earliest = await call('POST', `${streamPath(name)}/groups/replay/reset`, { to: 'earliest' });
    expect(earliest.body.partitions[0]).toMatchObject({ committedOffset: 0, lag: 2 });
  });

  it('answers 404 for a group that never committed and 416 for a commit past the high watermark', async () => {
    const name = await declareStream({ partitions: 1 });

    expectProblem(await call('GET', `${streamPath(name)}/groups/nobody`), 404, 'group_not_found');
    expectProblem(await call('POST', `${streamPath(name)}/groups/g/offsets`, { offsets: [{ partition: 0, offset: 1 }] }), 416, 'offset_out_of_range');
  });
});
