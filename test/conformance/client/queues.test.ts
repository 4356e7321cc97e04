import { describe, expect, inject, it } from 'vitest';
import { PostroomClient, PostroomError, type ReceivedMessage } from '../../../client/index.ts';
import { uniqueName } from '../support/client.ts';

const client = new PostroomClient({ endpoint: inject('baseUrl') });

async function declared(settings = {}) {
  const queue = client.queue(uniqueName('client'));
  await queue.declare(settings);
  return queue;
}

/** Receives until `count` messages came (long polls of 10). */
async function receiveAll(queue: ReturnType<typeof client.queue>, count: number): Promise<ReceivedMessage[]> {
  const received: ReceivedMessage[] = [];
  while (received.length < count) {
    const messages = await queue.receive({ max: 10, waitSeconds: 2 });
    if (messages.length === 0) break;
    received.push(...messages);
  }
  return received;
}

describe('client: queues', () => {
  it('uploads a body too large for one request, publishes it by upload id, and receives its URL', async () => {
    const queue = await declared();
    const bytes = new Uint8Array(6 * 1024 * 1024).fill(9);
    await queue.publish({ upload: await client.upload(bytes) });

    const [message] = await queue.receive({ waitSeconds: 1 });
    const fetched = new Uint8Array(await (await fetch(message!.bodyUrl!)).arrayBuffer());
    expect(Buffer.from(fetched).equals(Buffer.from(bytes))).toBe(true);
  });

  it('declares, lists, describes and deletes a queue', async () => {
    const queue = await declared({ maxDeliveries: 3 });
    expect((await queue.declare({ maxDeliveries: 3 })).name).toBe(queue.name);
    expect((await client.queues.list()).map((q) => q.name)).toContain(queue.name);
    expect(await queue.describe()).toMatchObject({ name: queue.name, maxDeliveries: 3, messages: { ready: 0 } });
    await queue.delete();
    await expect(queue.describe()).rejects.toMatchObject({ status: 404, code: 'queue_not_found' });
  });

  it('publishes, receives, acks and nacks', async () => {
    const queue = await declared();
    const { messageIds } = await queue.publish({ body: { order: 1 }, headers: { source: 'shop' }, messageId: 'o-1' });
    expect(messageIds).toEqual(['o-1']);
    await queue.publish([{ body: { order: 2 } }]);

    const first = await receiveAll(queue, 2);
    expect(first.map((m) => m.body)).toEqual(expect.arrayContaining([{ order: 1 }, { order: 2 }]));
    const one = first.find((m) => m.messageId === 'o-1')!;
    expect(one.headers).toEqual({ source: 'shop' });
    const other = first.find((m) => m !== one)!;
    expect(await queue.ack(one)).toEqual({ acked: 1, failures: [] });
    expect(await queue.nack([other], { delaySeconds: 0 })).toEqual({ nacked: 1, failures: [] });

    const [again] = await queue.receive({ waitSeconds: 5 });
    expect(again).toMatchObject({ messageId: other.messageId, deliveryCount: 2 });
    await queue.ack([again!.receipt!]);
    expect(await queue.receive({ waitSeconds: 0 })).toEqual([]);
  });

  it('publishes more than 100 messages in requests of 100, ids in order, and acks them in batches', async () => {
    const queue = await declared();
    const messages = Array.from({ length: 120 }, (_, index) => ({ body: index, messageId: `m-${index}` }));
    const sent: number[] = [];
    const { messageIds } = await queue.publish(messages, { onBatch: (count) => sent.push(count) });
    expect(messageIds).toEqual(messages.map((m) => m.messageId));
    expect(sent).toEqual([100, 20]);
    expect((await queue.describe()).messages.ready).toBe(120);

    const received = await receiveAll(queue, 120);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(120);
    expect((await queue.ack(received)).acked).toBe(120);
  });

  it('dead-letters a message nacked without requeue, peeks, redrives and deletes dead letters, and purges', async () => {
    const queue = await declared();
    await queue.publish([{ body: 'a', messageId: 'a' }, { body: 'b', messageId: 'b' }]);
    const received = await receiveAll(queue, 2);
    expect(await queue.nack(received, { requeue: false })).toEqual({ nacked: 2, failures: [] });

    expect((await queue.deadLetters.peek({ max: 10 })).map((m) => m.messageId).sort()).toEqual(['a', 'b']);
    expect(await queue.deadLetters.delete(['a', 'missing'])).toEqual({ deleted: ['a'], notFound: ['missing'] });
    expect(await queue.deadLetters.redrive()).toEqual({ moved: 1 });
    expect(await queue.deadLetters.peek()).toEqual([]);
    expect((await queue.describe()).messages.ready).toBe(1);

    expect((await queue.purge()).purged.ready).toBe(1);
    await expect(queue.delete({ ifEmpty: true })).resolves.toBeUndefined();
  });

  it('throws a PostroomError carrying the problem document on a 404 and a 409', async () => {
    const missing = client.queue(uniqueName('missing'));
    const notFound = await missing.publish({ body: 1 }).catch((error: unknown) => error);
    expect(notFound).toBeInstanceOf(PostroomError);
    expect(notFound).toMatchObject({ status: 404, code: 'queue_not_found', title: expect.any(String), detail: expect.stringContaining(missing.name) });
    expect((notFound as PostroomError).problem).toMatchObject({ status: 404, code: 'queue_not_found', type: expect.any(String) });

    const queue = await declared({ maxDeliveries: 3 });
    const conflict = await queue.declare({ maxDeliveries: 4 }).catch((error: unknown) => error);
    expect(conflict).toMatchObject({ name: 'PostroomError', status: 409, code: 'queue_exists_with_different_settings' });
    expect((conflict as PostroomError).problem.differences).toEqual([expect.objectContaining({ setting: 'maxDeliveries' })]);
  });
});
