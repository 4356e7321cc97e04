import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PostroomClient } from '../../client/index.ts';
import { uniqueName } from '../conformance/support/client.ts';
import { postroom, postroomJson, startCli } from './support/postroom-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'postroom-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ndjson = (count: number, line: (i: number) => unknown) => Array.from({ length: count }, (_, i) => `${JSON.stringify(line(i))}\n`).join('');

describe('postroom queues', () => {
  it('publishes 10,000 NDJSON lines from a file', async () => {
    const queue = uniqueName('cli-bulk');
    await postroomJson(['queues', 'declare', queue]);
    const file = join(work, 'orders.ndjson');
    writeFileSync(file, ndjson(10_000, (i) => ({ body: { order: i }, headers: { source: 'cli-test' } })));

    const published = await postroom(['queues', 'publish', queue, '--file', file]);

    expect(published).toMatchObject({ code: 0, stdout: `published 10000 messages to queue ${queue}\n`, stderr: '' });
    const described = await postroomJson(['queues', 'describe', queue]);
    expect(described.messages).toEqual({ ready: 10_000, inFlight: 0, delayed: 0, deadLetters: 0 });
    await postroomJson(['queues', 'delete', queue]);
  });

  it('publishes NDJSON from stdin, and consume prints and acks every message until SIGINT', async () => {
    const queue = uniqueName('cli-consume');
    await postroomJson(['queues', 'declare', queue]);
    const { published, messageIds } = await postroomJson(['queues', 'publish', queue], { input: ndjson(25, (i) => ({ body: { order: i } })) });
    expect(published).toBe(25);

    const consumer = startCli(['--json', 'queues', 'consume', queue]);
    const lines = await consumer.waitForLines(25);
    const { code, stderr } = await consumer.interrupt();

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const consumed = lines.map((line) => JSON.parse(line) as { messageId: string; body: { order: number } });
    expect(consumed.map((message) => message.messageId).sort()).toEqual([...messageIds].sort());
    expect(consumed.map((message) => message.body.order).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    // Every message was acked before the consumer exited: none is in flight or back.
    expect((await postroomJson(['queues', 'describe', queue])).messages).toEqual({ ready: 0, inFlight: 0, delayed: 0, deadLetters: 0 });
    await postroomJson(['queues', 'delete', queue]);
  });

  it('shows dead letters and redrives them back to the queue', async () => {
    const queue = uniqueName('cli-redrive');
    await postroomJson(['queues', 'declare', queue]);
    for (const body of ['{"a":1}', '{"a":2}', 'plain text']) await postroomJson(['queues', 'publish', queue, '--body', body]);
    // Dead-letter them, as a consumer rejecting them would.
    const client = new PostroomClient({ endpoint: inject('baseUrl') });
    const received = await client.queue(queue).receive({ max: 10, waitSeconds: 1 });
    expect(received).toHaveLength(3);
    await client.queue(queue).nack(received, { requeue: false });

    const deadLetters = await postroom(['--json', 'queues', 'dead-letters', queue]);
    expect(deadLetters.code).toBe(0);
    expect(deadLetters.stdout.trim().split('\n').map((line) => JSON.parse(line).body)).toEqual(expect.arrayContaining([{ a: 1 }, { a: 2 }, 'plain text']));
    const redriven = await postroom(['queues', 'redrive', queue]);

    expect(redriven).toMatchObject({ code: 0, stdout: `moved 3 dead letters back to queue ${queue}\n` });
    expect((await postroomJson(['queues', 'describe', queue])).messages).toMatchObject({ ready: 3, deadLetters: 0 });
    await postroomJson(['queues', 'delete', queue]);
  });

  it('lists and describes queues as tables and fields for people', async () => {
    const queue = uniqueName('cli-human');
    await postroom(['queues', 'declare', queue, '--max-deliveries', '3']);

    const listed = await postroom(['queues', 'ls']);
    const described = await postroom(['queues', 'describe', queue]);

    expect(listed.stdout.split('\n')[0]).toMatch(/^NAME +FIFO +MAX DELIVERIES +VISIBILITY +CREATED$/);
    expect(listed.stdout).toMatch(new RegExp(`^${queue} +3 +30s `, 'm'));
    expect(described.stdout).toMatch(/^maxDeliveries: +3$/m);
    expect(described.stdout).toMatch(/^messages: +\{"ready":0,"inFlight":0,"delayed":0,"deadLetters":0\}$/m);
    await postroom(['queues', 'delete', queue]);
  });
});
