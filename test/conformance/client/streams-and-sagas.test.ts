import { describe, expect, inject, it } from 'vitest';
import { PostroomClient } from '../../../client/index.ts';
import { uniqueName } from '../support/client.ts';

const client = new PostroomClient({ endpoint: inject('baseUrl') });

describe('client: streams', () => {
  it('declares, produces and reads, and moves a group by commit and reset', async () => {
    const stream = client.stream(uniqueName('clicks'));
    expect(await stream.declare({ partitions: 2 })).toMatchObject({ name: stream.name, partitions: 2 });
    expect((await client.streams.list()).map((s) => s.name)).toContain(stream.name);

    const { results } = await stream.produce([
      { value: { n: 0 }, partition: 0 },
      { value: { n: 1 }, partition: 0, key: 'k', headers: { source: 'web' } },
    ]);
    expect(results.map((r) => [r.partition, r.offset])).toEqual([[0, 0], [0, 1]]);
    await stream.produce({ value: 'one', partition: 1 });

    const read = await stream.read(0, { offset: 1 });
    expect(read).toMatchObject({ records: [{ offset: 1, key: 'k', value: { n: 1 }, headers: { source: 'web' } }], nextOffset: 2, highWatermark: 2 });
    expect((await stream.read(0, { max: 1 })).records.map((r) => r.value)).toEqual([{ n: 0 }]);
    expect((await stream.describe()).offsets).toEqual([
      { partition: 0, logStartOffset: 0, highWatermark: 2 },
      { partition: 1, logStartOffset: 0, highWatermark: 1 },
    ]);

    const group = stream.group('billing');
    await group.commit([{ partition: 0, offset: 1 }]);
    expect((await group.describe()).partitions.map((p) => p.committedOffset)).toEqual([1, null]);
    expect((await stream.groups()).map((g) => g.group)).toEqual(['billing']);
    expect((await group.reset('latest')).partitions.map((p) => p.committedOffset)).toEqual([2, 1]);

    await stream.delete();
    await expect(stream.describe()).rejects.toMatchObject({ status: 404, code: 'stream_not_found' });
  });
});

describe('client: sagas', () => {
  it('starts the order saga and waits for it to complete', async () => {
    const saga = client.saga('order');
    expect((await client.sagas.list()).map((s) => s.name)).toContain('order');
    const executionId = uniqueName('order');
    expect(await saga.start({ orderId: executionId }, { executionId })).toEqual({ executionId });
    const execution = await saga.wait(executionId, { pollMs: 200 });
    expect(execution).toMatchObject({ executionId, saga: 'order', status: 'COMPLETED' });
    expect((await saga.list({ max: 100 })).executions.map((e) => e.executionId)).toContain(executionId);
  });
});
