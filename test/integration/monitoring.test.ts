import { DeleteQueueCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { METRIC_RESOURCES_ENV } from '../../functions/core/metrics/metric-catalogue.ts';
import { SqsQueueNaming } from '../../functions/core/sqs-queue-names.ts';
import { EmfCollector } from '../../local/metrics/emf-collector.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

/**
 * The scripted workload of issue 13, through the real handler against moto: publish 1,000, receive
 * 900 and ack 850 of them, nack 50 to the dead letters; a stream group 200 records behind. Then the
 * overview, the Prometheus gauges and the EMF the requests wrote (aggregated by the local runtime's
 * collector, as `npm start` does) must all show exactly those numbers.
 */
let queueApi: QueueApi;
let queue: string;
let other: string;
let stream: string;
const emf: string[] = [];

beforeAll(async () => {
  queueApi = await startQueueApi();
  queue = queueApi.uniqueName('monitored');
  other = queueApi.uniqueName('other');
  stream = queueApi.uniqueName('clicks');
  // Read when the first request builds the services: this queue and stream get their own dimensions, `other` does not.
  process.env[METRIC_RESOURCES_ENV] = JSON.stringify({ queue: ['monitored.*'], stream: [stream] });
  const { api } = queueApi;
  await api.put(`/v1/queues/${queue}`, { maxDeliveries: 5 });
  await api.put(`/v1/queues/${other}`);
  await api.put(`/v1/streams/${stream}`, { partitions: 2 });

  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    emf.push(...String(chunk).split('\n').filter((line) => line.includes('"_aws"')));
    return true;
  });
  try {
    for (let batch = 0; batch < 10; batch++) {
      const published = await api.post(`/v1/queues/${queue}/messages`, { messages: Array.from({ length: 100 }, (_, i) => ({ body: { n: batch * 100 + i } })) });
      expect(published.status).toBe(202);
    }
    await api.post(`/v1/queues/${other}/messages`, { body: 'one' });
    for (let round = 0; round < 90; round++) {
      const { json } = await api.post(`/v1/queues/${queue}/receive`, { maxMessages: 10, visibilityTimeoutSeconds: 300 });
      expect(json.messages).toHaveLength(10);
      const receipts = json.messages.map((message: { receipt: string }) => message.receipt);
      // 5 rounds nack all ten to the dead letters: 50.
      const settled = round % 18 === 0 ? await api.post(`/v1/queues/${queue}/nack`, { receipts, requeue: false }) : await api.post(`/v1/queues/${queue}/ack`, { receipts });
      expect(settled.json.failures).toEqual([]);
    }
    const produced = await api.post(`/v1/streams/${stream}/records`, { records: Array.from({ length: 200 }, (_, i) => ({ value: i, partition: i % 2 })) });
    expect(produced.status).toBe(200);
    expect((await api.post(`/v1/streams/${stream}/groups/billing/reset`, { to: 'earliest' })).status).toBe(200);
  } finally {
    write.mockRestore();
  }
  // About 300 SQS calls on moto: some 15 s on an idle machine, minutes on a loaded one.
}, 300_000);

afterAll(() => {
  delete process.env[METRIC_RESOURCES_ENV];
});

/** Sums a metric over the EMF records of the given dimension values (broker-wide: those without `Queue`). */
function emfValues(name: string, where: (record: Record<string, unknown>) => boolean): number[] {
  return emf
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter(where)
    .flatMap((record) => (record[name] === undefined ? [] : ([] as number[]).concat(record[name] as number | number[])));
}
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

describe('monitoring after the scripted workload', () => {
  it('GET /v1/overview shows the counts of GET /v1/queues/{name}, and the group 200 records behind', async () => {
    const { status, json } = await queueApi.api.get('/v1/overview');

    expect(status).toBe(200);
    expect(json.queues).toEqual([
      { name: queue, messages: { ready: 100, inFlight: 0, delayed: 0, deadLetters: 50 }, oldestMessageAgeSeconds: expect.any(Number), oldestDeadLetterAgeSeconds: expect.any(Number) },
      { name: other, messages: { ready: 1, inFlight: 0, delayed: 0, deadLetters: 0 }, oldestMessageAgeSeconds: expect.any(Number), oldestDeadLetterAgeSeconds: null },
    ]);
    // The workload took seconds: its first messages are older than the one sent to `other` after them.
    expect(json.queues[0].oldestMessageAgeSeconds).toBeGreaterThanOrEqual(json.queues[1].oldestMessageAgeSeconds);
    const described = await queueApi.api.get(`/v1/queues/${queue}`);
    expect(described.json.messages).toEqual(json.queues[0].messages);
    expect(json.streams).toEqual([
      {
        name: stream,
        partitions: [
          { partition: 0, highWatermark: 100 },
          { partition: 1, highWatermark: 100 },
        ],
        groups: [expect.objectContaining({ group: 'billing', lag: 200 })],
      },
    ]);
    expect(json.nextCursor).toBeUndefined();
  });

  it('pages the overview with a cursor, every resource once', async () => {
    const first = await queueApi.api.get('/v1/overview?limit=1');
    const second = await queueApi.api.get(`/v1/overview?limit=2&cursor=${first.json.nextCursor}`);
    const third = await queueApi.api.get(`/v1/overview?limit=2&cursor=${second.json.nextCursor}`);

    expect([first.json.queues.map((q: { name: string }) => q.name), second.json.queues.map((q: { name: string }) => q.name), second.json.streams.map((s: { name: string }) => s.name)]).toEqual([[queue], [other], [stream]]);
    expect(third.json).toEqual({ queues: [], exchanges: [], streams: [] });
    expect((await queueApi.api.get('/v1/overview?cursor=nope')).status).toBe(400);
  });

  it('GET /v1/metrics answers the same numbers as Prometheus gauges', async () => {
    const { status, headers, text } = await queueApi.api.get('/v1/metrics');

    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain(`postroom_queue_ready{queue="${queue}"} 100\n`);
    expect(text).toContain(`postroom_queue_dead_letters{queue="${queue}"} 50\n`);
    expect(text).toContain(`postroom_queue_in_flight{queue="${queue}"} 0\n`);
    expect(text).toMatch(new RegExp(`postroom_queue_oldest_message_age_seconds\\{queue="${queue}"\\} \\d+\n`));
    expect(text).toMatch(new RegExp(`postroom_queue_oldest_dead_letter_age_seconds\\{queue="${queue}"\\} \\d+\n`));
    expect(text).not.toContain(`postroom_queue_oldest_dead_letter_age_seconds{queue="${other}"}`);
    expect(text).toContain(`postroom_stream_group_lag{stream="${stream}",group="billing",partition="0"} 100\n`);
    expect(text).toContain(`postroom_stream_group_lag{stream="${stream}",group="billing",partition="1"} 100\n`);
  });

  it('wrote EMF with exactly the workload, per monitored queue and broker-wide', () => {
    const ofQueue = (record: Record<string, unknown>) => record.Queue === queue;

    expect({
      published: sum(emfValues('QueuePublished', ofQueue)),
      delivered: sum(emfValues('QueueDelivered', ofQueue)),
      acked: sum(emfValues('QueueAcked', ofQueue)),
      nacked: sum(emfValues('QueueNacked', ofQueue)),
      deadLettered: sum(emfValues('QueueDeadLettered', ofQueue)),
      waits: emfValues('QueueWait', ofQueue).length,
      processingTimes: emfValues('QueueProcessingTime', ofQueue).length,
      records: sum(emfValues('StreamRecordsProduced', (record) => record.Stream === stream)),
    }).toEqual({ published: 1000, delivered: 900, acked: 850, nacked: 50, deadLettered: 50, waits: 900, processingTimes: 850, records: 200 });
    // `other` is not monitored: only in the broker-wide totals, which every record carries.
    expect(emf.some((line) => line.includes(other))).toBe(false);
    expect(sum(emfValues('QueuePublished', () => true))).toBe(1001);
  });

  it('aggregates into Prometheus counters and histograms with the right counts, as npm start does', async () => {
    const collector = new EmfCollector();
    for (const line of emf) expect(collector.accept(line)).toBe(true);
    const text = await collector.exposition();
    const labels = (extra: string) => `broker="${queueApi.prefix}",queue="${queue}"${extra}`;

    expect(text).toContain(`postroom_queue_published_total{${labels('')}} 1000\n`);
    expect(text).toContain(`postroom_queue_published_total{broker="${queueApi.prefix}"} 1\n`);
    expect(text).toContain(`postroom_queue_dead_lettered_total{${labels('')}} 50\n`);
    expect(text).toContain(`postroom_queue_wait_seconds_count{${labels('')}} 900\n`);
    expect(text).toContain(`postroom_queue_processing_time_seconds_count{${labels('')}} 850\n`);
    expect(text).toContain(`postroom_queue_processing_time_seconds_bucket{le="+Inf",${labels('')}} 850\n`);
    expect(collector.totals()).toEqual({ published: 1001, acked: 850, deadLettered: 50 });
  });
});

// Last in the file: the queue it adds would change the pages the tests above expect.
describe('a queue deleted while the overview reads it', () => {
  it('is left out of the page, as if listed a moment later, and the rest is answered', async () => {
    const vanished = queueApi.uniqueName('vanished');
    expect((await queueApi.api.put(`/v1/queues/${vanished}`)).status).toBe(201);
    // Another client's delete caught between the overview's list and its reads: the registry
    // still lists the queue, SQS no longer has it.
    const sqs = new SQSClient({ endpoint: inject('awsEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: new SqsQueueNaming(queueApi.prefix).namesFor(vanished).queue }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));

    const { status, json } = await queueApi.api.get('/v1/overview');

    expect(status).toBe(200);
    expect(json.queues.map((listed: { name: string }) => listed.name)).toEqual([queue, other]);
    expect(json.streams.map((listed: { name: string }) => listed.name)).toEqual([stream]);
  });
});
