import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../conformance/support/client.ts';
import { api, postroom, postroomJson, startCli } from './support/postroom-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'postroom-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ndjson = (count: number, line: (i: number) => unknown) => Array.from({ length: count }, (_, i) => `${JSON.stringify(line(i))}\n`).join('');

describe('postroom queues', () => {
  // 100 requests of 100 messages, each 10 SendMessageBatch calls to moto: 0.5 s a request measured
  // at a load average of 9 on 2 cores, up to 10 s at 15 (5,700 messages in 10 minutes).
  it('publishes 10,000 NDJSON lines from a file', { timeout: 900_000 }, async () => {
    const queue = api().queue(uniqueName('cli-bulk'));
    await queue.declare();
    const file = join(work, 'orders.ndjson');
    writeFileSync(file, ndjson(10_000, (i) => ({ body: { order: i }, headers: { source: 'cli-test' } })));

    const published = await postroom(['queues', 'publish', queue.name, '--file', file]);

    expect(published).toEqual({ code: 0, stdout: `published 10000 messages to queue ${queue.name}\n`, stderr: '' });
    expect((await queue.describe()).messages).toEqual({ ready: 10_000, inFlight: 0, delayed: 0, deadLetters: 0 });
    await queue.delete();
  });

  it('publishes NDJSON from stdin, and consume prints and acks every message until SIGINT', async () => {
    const queue = api().queue(uniqueName('cli-consume'));
    await queue.declare();
    const { published, messageIds } = await postroomJson(['queues', 'publish', queue.name], { input: ndjson(25, (i) => ({ body: { order: i } })) });
    expect(published).toBe(25);

    const consumer = startCli(['--json', 'queues', 'consume', queue.name]);
    const lines = await consumer.waitForLines(25);
    const { code, stderr } = await consumer.interrupt();

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const consumed = lines.map((line) => JSON.parse(line) as { messageId: string; body: { order: number } });
    expect(consumed.map((message) => message.messageId).sort()).toEqual([...messageIds].sort());
    expect(consumed.map((message) => message.body.order).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    // Every message was acked before the consumer exited: none is in flight or back.
    expect((await queue.describe()).messages).toEqual({ ready: 0, inFlight: 0, delayed: 0, deadLetters: 0 });
    await queue.delete();
  });

  it('shows dead letters and redrives them back to the queue', async () => {
    const queue = api().queue(uniqueName('cli-redrive'));
    await queue.declare();
    await queue.publish([{ body: { a: 1 } }, { body: { a: 2 } }, { body: 'plain text' }]);
    // Dead-letter them, as a consumer rejecting them would.
    const received = await queue.receive({ max: 10, waitSeconds: 1 });
    expect(received).toHaveLength(3);
    await queue.nack(received, { requeue: false });

    const deadLetters = await postroom(['--json', 'queues', 'dead-letters', queue.name]);
    const redriven = await postroom(['queues', 'redrive', queue.name]);

    expect(deadLetters.code).toBe(0);
    expect(deadLetters.stdout.trim().split('\n').map((line) => JSON.parse(line).body)).toEqual(expect.arrayContaining([{ a: 1 }, { a: 2 }, 'plain text']));
    expect(redriven).toEqual({ code: 0, stdout: `moved 3 dead letters back to queue ${queue.name}\n`, stderr: '' });
    expect((await queue.describe()).messages).toMatchObject({ ready: 3, deadLetters: 0 });
    await queue.delete();
  });

  it('declares, lists and describes queues as tables and fields for people', async () => {
    const name = uniqueName('cli-human');
    const declared = await postroom(['queues', 'declare', name, '--max-deliveries', '3', '--fifo']);
    const listed = await postroom(['queues', 'ls']);
    const described = await postroom(['queues', 'describe', name]);

    expect(declared.stdout).toMatch(/^fifo: +true$/m);
    expect(listed.stdout.split('\n')[0]).toMatch(/^NAME +FIFO +MAX DELIVERIES +VISIBILITY +CREATED$/);
    expect(listed.stdout).toMatch(new RegExp(`^${name} +yes +3 +30s `, 'm'));
    expect(described.stdout).toMatch(/^maxDeliveries: +3$/m);
    expect(described.stdout).toMatch(/^messages: +\{"ready":0,"inFlight":0,"delayed":0,"deadLetters":0\}$/m);
    await api().queue(name).delete();
  });
});
