import { describe, expect, it } from 'vitest';
import { call, expectProblem } from './support/client.ts';
import { declareQueue, publishBatch } from './support/queues.ts';

/** Black-box: against `npm start` (counters included) or a deployed stack (gauges only). */
const local = !process.env.POSTROOM_BASE_URL;

describe('monitoring', () => {
  it('GET /v1/overview lists a queue with the counts GET /v1/queues/{name} shows, page by page', async () => {
    const name = await declareQueue();
    const empty = await declareQueue();
    await publishBatch(name, [{ body: 1 }, { body: 2 }, { body: 3 }]);

    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await call('GET', `/v1/overview?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      pages.push(page.body);
      cursor = page.body.nextCursor;
    } while (cursor);

    const queues = pages.flatMap((page) => page.queues);
    // SQS reports the age to CloudWatch each minute, a few minutes late on AWS; no age for an empty
    // queue. On the LocalStack profile CloudWatch is moto's, which knows none of LocalStack's queues.
    const ageKnown = local && process.env.POSTROOM_EMULATOR !== 'localstack';
    const age = ageKnown ? expect.any(Number) : expect.toSatisfy((value) => value === null || typeof value === 'number');
    expect(queues.find((queue) => queue.name === name)).toEqual({ name, messages: { ready: 3, inFlight: 0, delayed: 0, deadLetters: 0 }, oldestMessageAgeSeconds: age, oldestDeadLetterAgeSeconds: null });
    expect(queues.find((queue) => queue.name === empty)).toEqual({ name: empty, messages: { ready: 0, inFlight: 0, delayed: 0, deadLetters: 0 }, oldestMessageAgeSeconds: null, oldestDeadLetterAgeSeconds: null });
    expect(new Set(queues.map((queue) => queue.name)).size).toBe(queues.length);
  });

  it('refuses a cursor it did not issue', async () => {
    expectProblem(await call('GET', '/v1/overview?cursor=not-a-cursor'), 400, 'invalid_request');
  });

  it('GET /v1/metrics answers the Prometheus text format with the queue gauges (and, under npm start, the counters)', async () => {
    const name = await declareQueue();
    await publishBatch(name, [{ body: 1 }, { body: 2 }]);

    const { status, contentType, body } = await call('GET', '/v1/metrics');

    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toContain(`postroom_queue_ready{queue="${name}"} 2\n`);
    expect(body).toMatch(/^# TYPE postroom_queue_ready gauge$/m);
    if (local) expect(body).toMatch(/^# TYPE postroom_queue_published_total counter$/m);
  });
});
