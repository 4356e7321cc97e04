import { describe, expect, it } from 'vitest';
import { ack, declareQueue, publish, publishBatch, receive, receiveAll } from '../support/queues.ts';

describe('queues: publish, receive, ack', () => {
  it('delivers a published message with its body, headers and id, and forgets it once acked', async () => {
    const name = await declareQueue();
    const messageId = await publish(name, { body: { order: 42, items: ['a'] }, headers: { source: 'shop', retry: false, n: 3 }, messageId: 'order-42' });
    expect(messageId).toBe('order-42');

    const [message, ...rest] = await receive(name, { waitSeconds: 5 });
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ messageId: 'order-42', body: { order: 42, items: ['a'] }, headers: { source: 'shop', retry: false, n: 3 }, deliveryCount: 1 });
    expect(Date.parse(message!.publishedAt)).not.toBeNaN();

    expect(await ack(name, [message!.receipt])).toEqual({ acked: 1, failures: [] });
    expect(await receive(name, { waitSeconds: 1 })).toEqual([]);
  });

  it('carries any JSON value as body, and binary as base64', async () => {
    const name = await declareQueue();
    const bodies = [null, false, 0, 'text', [1, 'two'], { nested: { deep: true } }];
    await publishBatch(name, bodies.map((body) => ({ body })));
    await publish(name, { bodyBase64: Buffer.from([0, 1, 2, 255]).toString('base64') });

    const received = await receiveAll(name, bodies.length + 1);
    const values = received.filter((m) => 'body' in m).map((m) => JSON.stringify(m.body));
    expect(values.sort()).toEqual(bodies.map((b) => JSON.stringify(b)).sort());
    expect(received.find((m) => m.bodyBase64)?.bodyBase64).toBe('AAEC/w==');
  });

  it('publishes a batch of 100 and returns the ids in request order', async () => {
    const name = await declareQueue();
    const messages = Array.from({ length: 100 }, (_, i) => ({ body: i, messageId: `m-${i}` }));
    expect(await publishBatch(name, messages)).toEqual(messages.map((m) => m.messageId));
    const received = await receiveAll(name, 100);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(100);
  });

  it('gives each message to one of several competing consumers', async () => {
    const name = await declareQueue();
    const ids = await publishBatch(name, Array.from({ length: 30 }, (_, i) => ({ body: i })));
    const consumer = async () => {
      const mine: string[] = [];
      for (;;) {
        const batch = await receive(name, { maxMessages: 5, waitSeconds: 2 });
        if (batch.length === 0) return mine;
        mine.push(...batch.map((m) => m.messageId));
        await ack(name, batch.map((m) => m.receipt));
      }
    };
    const perConsumer = await Promise.all([consumer(), consumer(), consumer()]);
    const all = perConsumer.flat();
    const missing = ids.filter((id) => !all.includes(id));
    expect(missing, `never delivered: ${missing.join(', ')}`).toEqual([]);
    expect(all.length, 'a message was delivered twice').toBe(ids.length);
  });

  it('redelivers a message whose visibility timeout expired without an ack', async () => {
    const name = await declareQueue({ visibilityTimeoutSeconds: 2 });
    await publish(name, { body: 'unacked' });
    const [first] = await receive(name, { waitSeconds: 5 });
    expect(first?.deliveryCount).toBe(1);
    expect(await receive(name, { waitSeconds: 0 })).toEqual([]);

    const [second] = await receive(name, { waitSeconds: 10 });
    expect(second).toMatchObject({ messageId: first!.messageId, body: 'unacked', deliveryCount: 2 });
  });

  it('holds a delayed message back until its delay has passed', async () => {
    const name = await declareQueue();
    await publish(name, { body: 'later', delaySeconds: 2 });
    expect(await receive(name, { waitSeconds: 0 })).toEqual([]);
    const [message] = await receive(name, { waitSeconds: 10 });
    expect(message?.body).toBe('later');
  });
});
