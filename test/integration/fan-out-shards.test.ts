import { ListSubscriptionsByTopicCommand, SNSClient, type Subscription } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMotoServer, type RunningEmulator } from '../../local/emulator/moto-server.ts';
import { ApiEnvironment } from '../../functions/api/environment.ts';
import { ownClientConfig } from '../../testing/api-function.ts';
import { countCalls, type CallCounter } from '../../testing/aws-call-counter.ts';
import { exchangeFixtures } from '../support/exchange-fixtures.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

/** Tiny shards, so that a few hundred queues need many of them (moto enforces no SNS quota). */
const CAPACITY = 5;
const QUEUES = 300;
/**
 * Declarations and bindings in flight at once: more than a shard holds, so that concurrent
 * declarations compete for the last slots of a shard; more only makes moto (one process) slower per call.
 */
const PARALLEL = 8;
/** Declaring 300 queues costs about 3,000 emulator calls. */
const SETUP_TIMEOUT_MS = 300_000;

let queueApi: QueueApi;
let fixtures: ReturnType<typeof exchangeFixtures>;
let counter: CallCounter;
let services: typeof import('../../functions/api/services.ts');
/** The test's own client, to ask SNS itself what each topic holds. */
let ownSns: SNSClient;
let moto: RunningEmulator;

beforeAll(async () => {
  // An emulator of its own: its 3,000 calls would slow every file sharing the suite's one, and its
  // 300 queues would crowd the others' ListQueues.
  moto = await startMotoServer();
  queueApi = await startQueueApi({ endpoint: moto.endpoint });
  ownSns = new SNSClient(ownClientConfig);
  // The API's services are built on its first request, from this environment.
  process.env[ApiEnvironment.fanOutShardCapacity] = String(CAPACITY);
  fixtures = exchangeFixtures(queueApi);
  const { sqs, sns, dynamodb } = await import('../../functions/adapters/aws-clients.ts');
  counter = countCalls([sqs, sns, dynamodb]);
  services = await import('../../functions/api/services.ts');
});

afterAll(() => moto?.stop());

/** Runs `work` on every item, PARALLEL at a time. */
async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += PARALLEL) results.push(...(await Promise.all(items.slice(start, start + PARALLEL).map(work))));
  return results;
}

/** What SNS itself holds: each shard topic's subscriptions (all pages). */
async function subscriptionsOf(topicArn: string): Promise<Subscription[]> {
  const subscriptions: Subscription[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ownSns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken }));
    subscriptions.push(...(page.Subscriptions ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return subscriptions;
}

const shardOf = async (queue: string) => (await services.getServices().registry.find(queue, { consistent: true }))!.fanOutShard!;

describe(`fan-out shards of ${CAPACITY} subscriptions`, () => {
  let exchange: string;
  let queues: string[];

  it(`spreads ${QUEUES} queues declared in parallel over shards none of which holds more than ${CAPACITY}, and one publish reaches each queue once`, { timeout: SETUP_TIMEOUT_MS }, async () => {
    exchange = await fixtures.exchange('fanout');
    queues = await inBatches(Array.from({ length: QUEUES }, (_, i) => i), () => fixtures.queue('sharded'));
    await inBatches(queues, (queue) => fixtures.bind({ exchange, queue }));

    const usage = await services.getServices().shards.usage();
    expect(usage.map(({ shard }) => shard)).toEqual(Array.from({ length: QUEUES / CAPACITY }, (_, shard) => shard));
    const perTopic = await Promise.all(usage.map(({ shard }) => subscriptionsOf(services.getServices().fanOut.topicArnOf(shard))));
    // This stack's shards hold only its own queues; shard 0's topic too (each test file provisions its own stack).
    expect(perTopic.map((subscriptions) => subscriptions.length)).toEqual(usage.map(() => CAPACITY));
    expect(usage.every(({ used }) => used === CAPACITY)).toBe(true);

    counter.reset();
    const [result] = await fixtures.publish(exchange, { messages: [{ body: { hello: 'everyone' } }] });
    const publishes = counter.counts.get('PublishBatchCommand');

    expect(result!.routedTo).toBe(QUEUES);
    expect(publishes).toBe(QUEUES / CAPACITY); // one per shard touched, whatever the number of queues
    expect(counter.counts.has('SendMessageBatchCommand')).toBe(false);
    expect(await inBatches(queues, async (queue) => (await fixtures.stored([queue]))[0])).toEqual(queues.map(() => 1));
  });

  it('gives a deleted queue’s slot to the next queue declared, creating no topic', async () => {
    const leaving = [queues[3]!, queues[150]!, queues[299]!];
    const freed = await Promise.all(leaving.map(shardOf));
    for (const queue of leaving) expect((await queueApi.api.delete(`/v1/queues/${queue}`)).status).toBe(204);

    counter.reset();
    const arriving = await inBatches(leaving, () => fixtures.queue('sharded'));

    expect(counter.counts.has('CreateTopicCommand')).toBe(false);
    expect((await Promise.all(arriving.map(shardOf))).sort((a, b) => a - b)).toEqual(freed.sort((a, b) => a - b));
    expect((await services.getServices().shards.usage()).every(({ used }) => used === CAPACITY)).toBe(true);
    queues = [...queues.filter((queue) => !leaving.includes(queue)), ...arriving];
  });

  it('costs a topic-exchange message that reaches 3 queues in 2 shards 2 publishes', async () => {
    const topic = await fixtures.exchange('topic');
    const byShard = Map.groupBy(await inBatches(queues, async (queue) => ({ queue, shard: await shardOf(queue) })), ({ shard }) => shard);
    const [first, second] = [...byShard.values()].filter((members) => members.length >= 2);
    const reached = [first![0]!.queue, first![1]!.queue, second![0]!.queue];
    const elsewhere = second![1]!.queue; // bound too, under a key the message does not match
    for (const queue of reached) await fixtures.bind({ exchange: topic, queue, bindingKey: 'order.*' });
    await fixtures.bind({ exchange: topic, queue: elsewhere, bindingKey: 'invoice.*' });
    const before = await fixtures.stored([...reached, elsewhere]);
    await queueApi.api.post(`/v1/exchanges/${topic}/test-route`, { routingKey: 'order.placed' }); // warms the topology cache

    counter.reset();
    const [result] = await fixtures.publish(topic, { messages: [{ routingKey: 'order.placed', body: { n: 1 } }] });

    const { GetItemCommand: versionChecks = 0, ...calls } = Object.fromEntries(counter.counts);

    expect(result!.routedTo).toBe(3);
    expect(calls).toEqual({ PublishBatchCommand: 2 });
    expect(versionChecks).toBeLessThanOrEqual(1); // the topology version, checked at most once a second
    expect(await fixtures.stored([...reached, elsewhere])).toEqual([...before.slice(0, 3).map((count) => count + 1), before[3]]);
  });

  it('answers 409 naming the quota for a queue whose priority levels need more subscriptions than a shard holds', async () => {
    const response = await queueApi.api.put(`/v1/queues/${queueApi.uniqueName('too-wide')}`, { maxPriority: CAPACITY });

    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({ code: 'queue_limit_reached', quota: 'fan-out shard capacity' });
  });
});
