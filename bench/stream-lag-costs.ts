import { randomBytes } from 'node:crypto';
import { documents } from '../functions/adapters/aws-clients.ts';
import { readApiConfig } from '../functions/api/config.ts';
import { createStreamServices } from '../functions/api/stream-services.ts';
import { measureGroupLags } from '../functions/stream-lag/group-lags.ts';
import type { CallCounter } from '../testing/aws-call-counter.ts';
import type { ApiClient } from '../testing/handler-harness.ts';

export interface LagRunCost {
  readonly scenario: string;
  readonly groups: number;
  readonly partitions: number;
  /** AWS calls of one run of the stream lag function, by command: its calls per minute at the default interval. */
  readonly calls: Record<string, number>;
  /** The peer: AWS calls of `GET /v1/streams/{name}/groups/{group}` for each group, as an exporter polling the API would make them. */
  readonly peerCalls: Record<string, number>;
}

const GROUPS = 10;
const PARTITIONS = 8;

/**
 * The stream lag function's AWS calls per run (once a minute by default) for one stream of 8
 * partitions and 10 consumer groups: every group behind on every partition at an offset of its own
 * (the most age reads there can be: each record is a segment of its own), the same again in the
 * warm container, then every group caught up. Run on a broker holding no
 * other stream: each further stream adds a Query and a BatchGetItem.
 */
export async function streamLagCosts(api: ApiClient, counter: CallCounter): Promise<LagRunCost[]> {
  const streams = createStreamServices(documents, readApiConfig());
  const stream = `bench-lag-${randomBytes(4).toString('hex')}`;
  await check(api.put(`/v1/streams/${stream}`, { partitions: PARTITIONS }), 201);
  const records = Array.from({ length: PARTITIONS }, (_, partition) => Array.from({ length: GROUPS + 1 }, (_, value) => ({ value, partition }))).flat();
  // One record per request, so that each offset is a segment of its own, with a time of its own.
  for (const record of records) await check(api.post(`/v1/streams/${stream}/records`, { records: [record] }), 200);
  const commitAll = (offsetOf: (group: number) => number) =>
    Promise.all(
      Array.from({ length: GROUPS }, (_, group) =>
        check(api.post(`/v1/streams/${stream}/groups/g${group}/offsets`, { offsets: Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, offset: offsetOf(group) })) }), 200),
      ),
    );
  const run = async (scenario: string): Promise<LagRunCost> => {
    counter.reset();
    await measureGroupLags(streams, Date.now());
    const calls = Object.fromEntries(counter.counts);
    counter.reset();
    for (let group = 0; group < GROUPS; group++) await check(api.get(`/v1/streams/${stream}/groups/g${group}`), 200);
    return { scenario, groups: GROUPS, partitions: PARTITIONS, calls, peerCalls: Object.fromEntries(counter.counts) };
  };
  await commitAll((group) => group);
  const behind = await run('every group behind, each at its own offset');
  // A warm container has read those segments' times before: a group that has not moved costs nothing more.
  const stillBehind = await run('the same a minute later (warm container)');
  await commitAll(() => GROUPS + 1);
  return [behind, stillBehind, await run('every group caught up')];
}

async function check(response: Promise<{ status: number; json: unknown }>, status: number): Promise<void> {
  const { status: actual, json } = await response;
  if (actual !== status) throw new Error(`answered ${actual}: ${JSON.stringify(json)}`);
}
