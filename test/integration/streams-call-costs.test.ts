import { beforeAll, describe, expect, it } from 'vitest';
import { appendCost, readCost } from '../../bench/stream-costs.ts';
import { countCalls, type CallCounter } from '../../testing/aws-call-counter.ts';
import { declareStream, groupPath } from '../support/stream-api.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

let queueApi: QueueApi;
let counter: CallCounter;

beforeAll(async () => {
  queueApi = await startQueueApi();
  // The benchmark counts AWS calls the same way: middleware on the process's singleton clients.
  const { sqs, dynamodb } = await import('../../functions/adapters/aws-clients.ts');
  counter = countCalls([sqs, dynamodb]);
});

describe('AWS calls and write units of streams', () => {
  it('appends 100 event records of ~100 bytes with one TransactWriteItems and nothing else once warm, at ≤ 0.1 write units a record', async () => {
    const cost = await appendCost(queueApi.api, counter);

    expect(cost.calls).toEqual({ TransactWriteItemsCommand: 1 });
    // One segment of 100 records (~10.4 KB packed, ~1.8 KB compressed) and the tail, written transactionally: 2 × (2 + 1) units.
    expect(cost.itemBytes).toHaveLength(2);
    expect(cost.writeUnits / cost.records).toBeLessThanOrEqual(0.1);
  });

  it('reads about 1 MB up to the end of a partition with one Query', async () => {
    const cost = await readCost(queueApi.api, counter, 1);

    expect(cost.bytes).toBe(990_000);
    expect(cost.calls).toEqual({ QueryCommand: 1 });
  });

  it("lists a stream's groups with one Query and one read of the partitions' tails, however many groups", async () => {
    const name = queueApi.uniqueName('list-groups');
    await declareStream(queueApi.api, name, { partitions: 3 });
    for (const group of ['a', 'b', 'c', 'd']) await queueApi.api.post(`${groupPath(name, group)}/offsets`, { offsets: [{ partition: 0, offset: 0 }] });
    await queueApi.api.get(`/v1/streams/${name}/groups`); // warms the declaration

    counter.reset();
    const listed = await queueApi.api.get(`/v1/streams/${name}/groups`);

    expect(listed.json.groups).toHaveLength(4);
    expect(Object.fromEntries(counter.counts)).toEqual({ QueryCommand: 1, BatchGetItemCommand: 1 });
  });
});
