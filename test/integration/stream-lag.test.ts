import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { METRIC_RESOURCES_ENV, writeMetricResourcePolicy } from '../../functions/core/metrics/metric-catalogue.ts';
import { provisionApiFunction } from '../../testing/api-function.ts';
import { countCalls, type CallCounter } from '../../testing/aws-call-counter.ts';
import { createApiClient, type ApiClient } from '../../testing/handler-harness.ts';
import { declareStream, groupPath, produce } from '../support/stream-api.ts';

let api: ApiClient;
let lagHandler: () => Promise<{ groups: number; partitions: number }>;
let counter: CallCounter;

beforeAll(async () => {
  const { functions } = await provisionApiFunction({ assemblyDir: inject('assemblyDir'), endpoint: inject('awsEndpoint'), stackName: `PostroomLag${randomBytes(3).toString('hex')}` });
  // The environment the template gives the scheduled function, streams named `monitored.*` monitored per group.
  const lagFunction = functions.find((fn) => fn.logicalId.startsWith('StreamLag'));
  if (!lagFunction) throw new Error('the synthesized app has no stream lag function');
  Object.assign(process.env, lagFunction.environment, { [METRIC_RESOURCES_ENV]: writeMetricResourcePolicy({ stream: ['monitored.*'] }) });
  api = createApiClient((await import('../../functions/api/handler.ts')).handler);
  lagHandler = (await import('../../functions/stream-lag/handler.ts')).handler;
  counter = countCalls([(await import('../../functions/adapters/aws-clients.ts')).dynamodb]);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

interface EmfDocument {
  readonly dimensions: Record<string, string>;
  readonly values: Record<string, number>;
}

/** Runs the scheduled function at `now` and answers the EMF documents it wrote to stdout. */
async function runAt(now: number): Promise<{ summary: Awaited<ReturnType<typeof lagHandler>>; documents: EmfDocument[] }> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: any[]) => {
    if (String(chunk).includes('"_aws"')) lines.push(String(chunk));
    else return write(chunk, ...rest);
    return true;
  });
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  const summary = await lagHandler();
  vi.useRealTimers();
  const documents = lines.map((line) => {
    const { _aws, ...fields } = JSON.parse(line);
    const [names] = _aws.CloudWatchMetrics[0].Dimensions as string[][];
    const metricNames = (_aws.CloudWatchMetrics[0].Metrics as { Name: string }[]).map((metric) => metric.Name);
    return {
      dimensions: Object.fromEntries(names!.map((name) => [name, fields[name]])),
      values: Object.fromEntries(metricNames.map((name) => [name, fields[name]])),
    };
  });
  return { summary, documents };
}

const time = (iso: string) => Date.parse(iso);

async function commit(stream: string, group: string, offsets: { partition: number; offset: number }[]) {
  const response = await api.post(`${groupPath(stream, group)}/offsets`, { offsets });
  expect(response.status, JSON.stringify(response.json)).toBe(200);
}

describe('the stream lag function', () => {
  it('emits each group N records behind with lag N, its age from the next record to read, committed offsets and members', async () => {
    const stream = `monitored.orders-${randomBytes(3).toString('hex')}`;
    const quiet = `quiet-${randomBytes(3).toString('hex')}`;
    await declareStream(api, stream, { partitions: 2 });
    await declareStream(api, quiet, { partitions: 1 });
    await produce(api, stream, { records: Array.from({ length: 3 }, (_, value) => ({ value, partition: 0 })) });
    const second = await produce(api, stream, { records: [...Array.from({ length: 7 }, (_, value) => ({ value, partition: 0 })), ...Array.from({ length: 4 }, (_, value) => ({ value, partition: 1 }))] });
    await produce(api, quiet, { records: Array.from({ length: 5 }, (_, value) => ({ value, partition: 0 })) });
    // billing: 7 behind on partition 0 (its next record is the second append's first), caught up on 1; audit: caught up, with a member.
    await commit(stream, 'billing', [{ partition: 0, offset: 3 }, { partition: 1, offset: 4 }]);
    await commit(stream, 'audit', [{ partition: 0, offset: 10 }]);
    expect((await api.post(`${groupPath(stream, 'audit')}/members`, { sessionTimeoutMs: 300_000 })).status).toBe(200);
    await commit(quiet, 'slow', [{ partition: 0, offset: 0 }]);
    const now = time(second[0]!.timestamp) + 90_000;

    const { summary, documents } = await runAt(now);

    expect(summary).toEqual({ groups: 3, partitions: 4 });
    const secondAge = now - time(second[0]!.timestamp);
    const prefix = process.env.POSTROOM_QUEUE_PREFIX!;
    const group = (name: string, partition?: number) => ({ Broker: prefix, Stream: stream, Group: name, ...(partition !== undefined && { Partition: String(partition) }) });
    const quietAge = now - time((await api.get(`/v1/streams/${quiet}/partitions/0/records`)).json.records[0].timestamp);
    expect(documents).toEqual([
      { dimensions: { Broker: prefix }, values: { StreamGroupLagRecords: 12, StreamGroupLagAge: Math.max(secondAge, quietAge), StreamGroupMembers: 1 } },
      { dimensions: group('audit'), values: { StreamGroupLagRecords: 0, StreamGroupLagAge: 0, StreamGroupMembers: 1 } },
      { dimensions: group('audit', 0), values: { StreamGroupLagRecords: 0, StreamGroupLagAge: 0, StreamGroupCommittedOffset: 10 } },
      { dimensions: group('billing'), values: { StreamGroupLagRecords: 7, StreamGroupLagAge: secondAge, StreamGroupMembers: 0 } },
      { dimensions: group('billing', 0), values: { StreamGroupLagRecords: 7, StreamGroupLagAge: secondAge, StreamGroupCommittedOffset: 3 } },
      { dimensions: group('billing', 1), values: { StreamGroupLagRecords: 0, StreamGroupLagAge: 0, StreamGroupCommittedOffset: 4 } },
    ]);
  });

  it('reads each lagging offset’s append time once per container: groups that have not moved cost no further read', async () => {
    const stream = `monitored.stuck-${randomBytes(3).toString('hex')}`;
    await declareStream(api, stream, { partitions: 1 });
    // A segment per record, and three groups stuck in different ones (their reads run concurrently).
    const placements = [];
    for (let value = 0; value < 4; value++) placements.push(...(await produce(api, stream, { records: [{ value }] })));
    for (const offset of [0, 1, 2]) await commit(stream, `stuck-${offset}`, [{ partition: 0, offset }]);
    const now = time(placements[3]!.timestamp) + 60_000;

    counter.reset();
    const cold = await runAt(now);
    const coldQueries = counter.counts.get('QueryCommand')!;
    counter.reset();
    const warm = await runAt(now + 60_000);

    // The cold run read these three append times (the other test's offsets were read by its runs); the warm one reads none.
    expect(counter.counts.get('QueryCommand')).toBe(coldQueries - 3);
    const stuck = (documents: EmfDocument[], offset: number) => documents.find((document) => document.dimensions.Group === `stuck-${offset}` && document.dimensions.Partition === '0')!.values;
    for (const offset of [0, 1, 2]) {
      const age = now - time(placements[offset]!.timestamp);
      expect(stuck(cold.documents, offset)).toEqual({ StreamGroupLagRecords: 4 - offset, StreamGroupLagAge: age, StreamGroupCommittedOffset: offset });
      expect(stuck(warm.documents, offset)).toEqual({ StreamGroupLagRecords: 4 - offset, StreamGroupLagAge: age + 60_000, StreamGroupCommittedOffset: offset });
    }
  });
});
