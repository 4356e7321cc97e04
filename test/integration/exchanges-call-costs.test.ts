import { beforeAll, describe, expect, it, vi } from 'vitest';
import { TOPOLOGY_CACHE_SECONDS } from '../../functions/adapters/topology-cache.ts';
import { countCalls, type CallCounter } from '../../testing/aws-call-counter.ts';
import { exchangeFixtures } from '../support/exchange-fixtures.ts';
import { createApiClient, type ApiClient } from '../../testing/handler-harness.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

let queueApi: QueueApi;
let fixtures: ReturnType<typeof exchangeFixtures>;
let counter: CallCounter;

beforeAll(async () => {
  queueApi = await startQueueApi();
  fixtures = exchangeFixtures(queueApi);
  // As the benchmark does: middleware on the process's singleton clients, every AWS call counted.
  const { sqs, sns, dynamodb } = await import('../../functions/adapters/aws-clients.ts');
  counter = countCalls([sqs, sns, dynamodb]);
});

/** Another warm container: the handler module loaded afresh, with its own clients and caches. */
async function anotherContainer(): Promise<ApiClient> {
  vi.resetModules();
  const { handler } = await import('../../functions/api/handler.ts');
  return createApiClient(handler);
}

describe('AWS calls of an exchange publish', () => {
  it.each([
    [1, 'SendMessageBatchCommand'],
    [10, 'PublishBatchCommand'],
    [50, 'PublishBatchCommand'],
  ])('sends 10 messages fanning out to %i queues with one batch call (%s) and no DynamoDB read but the topology version check once warm', async (width, command) => {
    const exchange = await fixtures.exchange('fanout');
    const queues: string[] = [];
    for (let i = 0; i < width; i++) {
      const queue = await fixtures.queue('wide');
      await fixtures.bind({ exchange, queue });
      queues.push(queue);
    }
    await queueApi.api.post(`/v1/exchanges/${exchange}/test-route`, {}); // warms the topology cache
    const batch = { messages: Array.from({ length: 10 }, (_, i) => ({ body: { i } })) };

    counter.reset();
    const results = await fixtures.publish(exchange, batch);
    const { GetItemCommand: versionChecks = 0, ...counted } = Object.fromEntries(counter.counts);

    // One queue: a direct send costs less than a publish (core/fan-out-shards.ts, cheaperDirect).
    expect(counted).toEqual({ [command]: 1 });
    // The topology version, checked again once TOPOLOGY_CACHE_SECONDS have passed since the
    // warm-up's check began (a loaded machine takes that long over 50 bindings).
    expect(versionChecks).toBeLessThanOrEqual(1);
    expect(results.map((result) => result.routedTo)).toEqual(batch.messages.map(() => width));
    expect(await fixtures.stored([queues[0]!, queues.at(-1)!])).toEqual([10, 10]);
  });
});

describe('the topology cache', () => {
  it(`lets another warm container see a new binding within ${TOPOLOGY_CACHE_SECONDS} s`, async () => {
    const other = await anotherContainer();
    const exchange = await fixtures.exchange('direct');
    const queue = await fixtures.queue();
    const route = async () => (await other.post(`/v1/exchanges/${exchange}/test-route`, { routingKey: 'k' })).json.queues;
    expect(await route()).toEqual([]); // warm: its cache now holds the topology without the binding

    await fixtures.bind({ exchange, queue, bindingKey: 'k' });
    // The other container's cache vouches for what it read at most TOPOLOGY_CACHE_SECONDS from
    // before its read, which was before the binding: a request that starts that long after the
    // binding answered routes with it.
    await new Promise((resolve) => setTimeout(resolve, TOPOLOGY_CACHE_SECONDS * 1000));

    expect(await route()).toEqual([queue]);
  });
});
