import { beforeAll, expect, it } from 'vitest';
import { failRandomly } from '../../support/aws-fault-injection.ts';
import { exchangeFixtures } from '../../support/exchange-fixtures.ts';
import { FAULT_TEST_TIMEOUT_MS, faultRandom, MESSAGES } from '../../support/fault-injection/fault-run.ts';
import { retryingProducer } from '../../support/fault-injection/retrying-producer.ts';
import { startQueueApi, type QueueApi } from '../../support/queue-api.ts';
import { declareStream, readAll } from '../../support/stream-api.ts';

// Producers that time out and retry with their Idempotency-Key, while the store fails some of the
// fan-out and append calls: 1,000 messages through an exchange into two queues, 1,000 records into
// a stream. Each queue ends with exactly one copy of each message, the stream with one record per produce.
const BATCH = 10;
const PRODUCERS = 5;
const TIMEOUT_RATE = 0.25;
const STORE_FAULT_RATE = 0.05;
let queueApi: QueueApi;
const { random, seed } = faultRandom('idempotent producers');

beforeAll(async () => {
  queueApi = await startQueueApi();
});

/**
 * Sends `MESSAGES / BATCH` requests from PRODUCERS concurrent producers (request `i` carries items
 * i·BATCH … i·BATCH+9) while the store fails some fan-out and append calls; the declarations
 * before it run fault-free.
 */
async function produceAll(path: string, request: (numbers: number[]) => unknown) {
  const { sns, dynamodb } = await import('../../../functions/adapters/aws-clients.ts');
  const heals = [failRandomly(sns, 'PublishBatchCommand', random, STORE_FAULT_RATE), failRandomly(dynamodb, 'TransactWriteItemsCommand', random, STORE_FAULT_RATE)];
  const producer = retryingProducer({ api: queueApi.api, random, timeoutRate: TIMEOUT_RATE });
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: PRODUCERS }, async () => {
        for (let index = next++; index < MESSAGES / BATCH; index = next++) {
          const numbers = Array.from({ length: BATCH }, (_, offset) => index * BATCH + offset);
          await producer.post(path, request(numbers), `producer-${seed}-${index}`);
        }
      }),
    );
    await producer.settle();
  } finally {
    for (const heal of heals) heal();
  }
  return producer.stats;
}

/** Every message a queue holds, received (and so deleted) until it is empty. */
async function drain(queue: string): Promise<number[]> {
  const numbers: number[] = [];
  for (;;) {
    const { json } = await queueApi.api.post(`/v1/queues/${queue}/receive`, { maxMessages: 10, ack: 'auto' });
    if (json.messages.length === 0) return numbers;
    numbers.push(...json.messages.map((message: { body: { n: number } }) => message.body.n));
  }
}

const everyNumber = Array.from({ length: MESSAGES }, (_, n) => n);

it('leaves exactly one copy of each message in each queue an exchange routes to', { timeout: FAULT_TEST_TIMEOUT_MS }, async () => {
  const fixtures = exchangeFixtures(queueApi);
  const exchange = await fixtures.exchange('fanout');
  const queues = [await fixtures.queue('producer-a'), await fixtures.queue('producer-b')];
  for (const queue of queues) await fixtures.bind({ exchange, queue });

  const stats = await produceAll(`/v1/exchanges/${exchange}/messages`, (numbers) => ({ messages: numbers.map((n) => ({ routingKey: 'orders', body: { n } })) }));

  console.info('exchange producers:', stats);
  for (const numbers of await Promise.all(queues.map(drain))) expect(numbers.sort((a, b) => a - b)).toEqual(everyNumber);
  // The faults had teeth: retries met stored responses, requests in flight and failed fan-outs.
  expect(stats.timedOut).toBeGreaterThan(0);
  expect(stats.replayed + stats.inProgress).toBeGreaterThan(0);
});

it('appends exactly one record per produce to a stream', { timeout: FAULT_TEST_TIMEOUT_MS }, async () => {
  const stream = queueApi.uniqueName('producer-stream');
  await declareStream(queueApi.api, stream, { partitions: 1 });

  const stats = await produceAll(`/v1/streams/${stream}/records`, (numbers) => ({ records: numbers.map((n) => ({ value: { n } })) }));

  console.info('stream producers:', stats);
  const records = await readAll(queueApi.api, stream, 0);
  expect(records.map((record) => (record.value as { n: number }).n).sort((a, b) => a - b)).toEqual(everyNumber);
  expect(records.map((record) => record.offset)).toEqual(everyNumber);
  expect(stats.timedOut).toBeGreaterThan(0);
});
