import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { call, expectProblem } from '../support/client.ts';
import { bind, declareExchange, publishTo } from '../support/exchanges.ts';
import { ack, declareQueue, describeQueue, nack, publish, publishBatch, queuePath, receive } from '../support/queues.ts';

const bodies = (messages: readonly { body?: unknown }[]) => messages.map((message) => message.body);

/** Waits until the queue shows `count` ready messages (SNS delivers to SQS asynchronously on AWS). */
async function readyCount(name: string, count: number): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    if ((await describeQueue(name)).messages.ready >= count) return;
    await sleep(500);
  }
}

describe('queues: priorities', () => {
  it('declares maxPriority as a setting: shown, 200 when equal, 409 when different', async () => {
    const name = await declareQueue({ maxPriority: 5 });

    expect(await describeQueue(name)).toMatchObject({ maxPriority: 5 });
    expect((await call('PUT', queuePath(name), { maxPriority: 5 })).status).toBe(200);
    expectProblem(await call('PUT', queuePath(name), { maxPriority: 6 }), 409, 'queue_exists_with_different_settings');
    expectProblem(await call('PUT', queuePath(name), {}), 409, 'queue_exists_with_different_settings');
  });

  it('rejects a maxPriority outside 1..10 and a message priority outside 0..255', async () => {
    const name = await declareQueue({ maxPriority: 2 });

    expectProblem(await call('PUT', queuePath(`${name}-x`), { maxPriority: 11 }), 400, 'invalid_request');
    expectProblem(await call('POST', `${queuePath(name)}/messages`, { body: 'x', priority: 256 }), 400, 'invalid_request');
  });

  it('delivers higher priorities first, counting none as 0 and above the maximum as the maximum', async () => {
    const name = await declareQueue({ maxPriority: 3 });
    await publish(name, { body: 'none' });
    await publish(name, { body: 'one', priority: 1 });
    await publishBatch(name, [{ body: 'huge', priority: 255 }, { body: 'zero', priority: 0 }]);

    expect(bodies(await receive(name, { maxMessages: 1 }))).toEqual(['huge']);
    expect(bodies(await receive(name, { maxMessages: 1 }))).toEqual(['one']);
    expect(bodies(await receive(name, { maxMessages: 10 })).sort()).toEqual(['none', 'zero']);
  });

  it('orders messages published through an exchange by priority too', async () => {
    const exchange = await declareExchange('fanout');
    const name = await declareQueue({ maxPriority: 2 });
    await bind({ exchange, queue: name });
    await publishTo(exchange, { messages: [{ body: 'low' }, { body: 'high', priority: 2 }] });
    await readyCount(name, 2);

    expect(bodies(await receive(name, { maxMessages: 10 }))).toEqual(['high', 'low']);
  });

  it('settles messages of every level, and a requeued message keeps its priority', async () => {
    const name = await declareQueue({ maxPriority: 2 });
    await publishBatch(name, [{ body: 'low' }, { body: 'high', priority: 2 }]);
    const [high, low] = await receive(name, { maxMessages: 10 });

    expect(await ack(name, [low!.receipt])).toEqual({ acked: 1, failures: [] });
    expect(await nack(name, [high!.receipt], { delaySeconds: 0 })).toEqual({ nacked: 1, failures: [] });
    await publish(name, { body: 'new-low' });

    expect(bodies(await receive(name, { maxMessages: 10 }))).toEqual(['high', 'new-low']);
    expect((await describeQueue(name)).messages).toMatchObject({ ready: 0, inFlight: 2 });
  });
});
