import { describe, expect, it } from 'vitest';
import { call, expectProblem, uniqueName } from '../support/client.ts';
import { declareStream, produce, readRecords, streamPath } from '../support/streams.ts';

describe('streams: declaration and lifecycle', () => {
  it('creates a stream with a week of retention, then answers 200 to the same declaration', async () => {
    const name = uniqueName('life');
    const created = await call('PUT', streamPath(name), { partitions: 2 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, partitions: 2, retentionHours: 168 });

    const again = await call('PUT', streamPath(name), { partitions: 2, retentionHours: 168 });
    expect(again.status).toBe(200);
  });

  it('grows partitions on a redeclaration with more, and refuses fewer or another retention', async () => {
    const name = await declareStream({ partitions: 2, retentionHours: 24 });

    const grown = await call('PUT', streamPath(name), { partitions: 4, retentionHours: 24 });
    expect(grown.status).toBe(200);
    expect(grown.body.partitions).toBe(4);
    expectProblem(await call('PUT', streamPath(name), { partitions: 3, retentionHours: 24 }), 409, 'partitions_cannot_decrease');
    expectProblem(await call('PUT', streamPath(name), { partitions: 4, retentionHours: 48 }), 409, 'stream_exists_with_different_settings');
    expect((await produce(name, { records: [{ value: 'on a new partition', partition: 3 }] }))[0]).toMatchObject({ partition: 3, offset: 0 });
  });

  it('refuses invalid names and settings with 400', async () => {
    expectProblem(await call('PUT', streamPath('x'.repeat(250)), { partitions: 1 }), 400, 'invalid_stream_name');
    expectProblem(await call('PUT', streamPath('has space'), { partitions: 1 }), 400, 'invalid_stream_name');
    expectProblem(await call('PUT', streamPath(uniqueName('bad')), { partitions: 1025 }), 400, 'invalid_request');
  });

  it('lists streams and describes each partition\'s log start and high watermark', async () => {
    const name = await declareStream({ partitions: 2 });
    await produce(name, { records: [{ value: 1, partition: 1 }] });

    const listed = await call('GET', '/v1/streams');
    expect(listed.body.streams.map((stream: { name: string }) => stream.name)).toContain(name);
    const described = await call('GET', streamPath(name));
    expect(described.body.offsets).toEqual([
      { partition: 0, logStartOffset: 0, highWatermark: 0 },
      { partition: 1, logStartOffset: 0, highWatermark: 1 },
    ]);
  });

  it('deletes a stream; declared again, it starts empty at offset 0', async () => {
    const name = await declareStream({ partitions: 1 });
    await produce(name, { records: [{ value: 'old' }] });

    expect((await call('DELETE', streamPath(name))).status).toBe(204);
    expectProblem(await call('GET', streamPath(name)), 404, 'stream_not_found');
    await declareStream({ partitions: 1 }, name);
    expect(await readRecords(name, 0)).toEqual({ records: [], nextOffset: 0, highWatermark: 0 });
  });
});
