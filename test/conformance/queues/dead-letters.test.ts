import { describe, expect, it } from 'vitest';
import { call } from '../support/client.ts';
import { ack, deadLetters, declareQueue, describeQueue, nack, publish, publishBatch, queuePath, receive, receiveAll } from '../support/queues.ts';

describe('queues: nack, retries and dead letters', () => {
  it('redelivers a requeued message after a backoff that grows with the delivery count', async () => {
    const name = await declareQueue({ maxDeliveries: 10 });
    await publish(name, { body: 'flaky' });
    // Equal-jitter exponential backoff: delivery n waits between ceil(2^(n-1)/2) and 2^(n-1) seconds.
    const lowerBoundSeconds = [1, 1, 2, 4];
    const waitedMs: number[] = [];
    let [message] = await receive(name, { waitSeconds: 5 });
    for (const [index, lowerBound] of lowerBoundSeconds.entries()) {
      expect(message?.deliveryCount).toBe(index + 1);
      const nackedAt = Date.now();
      expect(await nack(name, [message!.receipt])).toEqual({ nacked: 1, failures: [] });
      [message] = await receive(name, { waitSeconds: 15 });
      waitedMs.push(Date.now() - nackedAt);
      expect(message?.body).toBe('flaky');
      expect(waitedMs[index]).toBeGreaterThanOrEqual(lowerBound * 1000 - 250);
    }
    expect(message?.deliveryCount).toBe(5);
    expect(waitedMs[3]).toBeGreaterThan(waitedMs[0]!);
  });

  it('honours an explicit delay on nack', async () => {
    const name = await declareQueue();
    await publish(name, { body: 'later' });
    const [message] = await receive(name, { waitSeconds: 5 });
    await nack(name, [message!.receipt], { delaySeconds: 3 });
    expect(await receive(name, { waitSeconds: 2 })).toEqual([]);
    const [again] = await receive(name, { waitSeconds: 10 });
    expect(again).toMatchObject({ body: 'later', deliveryCount: 2 });
  });

  it('dead-letters a rejected message at once with reason rejected', async () => {
    const name = await declareQueue();
    await publish(name, { body: { bad: true }, headers: { kind: 'poison' }, messageId: 'reject-me' });
    const [message] = await receive(name, { waitSeconds: 5 });
    expect(await nack(name, [message!.receipt], { requeue: false })).toEqual({ nacked: 1, failures: [] });

    const [dead, ...more] = await deadLetters(name);
    expect(more).toEqual([]);
    expect(dead).toMatchObject({ messageId: 'reject-me', body: { bad: true }, headers: { kind: 'poison' }, reason: 'rejected', deliveryCount: 1 });
    expect(Date.parse(dead!.deadLetteredAt!)).not.toBeNaN();
    expect(await receive(name, { waitSeconds: 1 })).toEqual([]);
  });

  it('moves a poison message to the dead letters after maxDeliveries with reason delivery_limit', async () => {
    const name = await declareQueue({ maxDeliveries: 2 });
    await publish(name, { body: 'poison', messageId: 'poison-1' });
    for (const delivery of [1, 2]) {
      const [message] = await receive(name, { waitSeconds: 5, visibilityTimeoutSeconds: 0 });
      expect(message?.deliveryCount).toBe(delivery);
    }
    // The receive after the limit is where SQS's redrive moves the message.
    expect(await receive(name, { waitSeconds: 1 })).toEqual([]);

    const [dead] = await deadLetters(name);
    expect(dead).toMatchObject({ messageId: 'poison-1', body: 'poison', reason: 'delivery_limit', deliveryCount: 2 });
    expect((await describeQueue(name)).messages.deadLetters).toBe(1);
  });

  it('shows dead letters without removing them', async () => {
    const name = await declareQueue();
    await publish(name, { body: 'x' });
    const [message] = await receive(name, { waitSeconds: 5 });
    await nack(name, [message!.receipt], { requeue: false });
    expect(await deadLetters(name)).toHaveLength(1);
    expect(await deadLetters(name)).toHaveLength(1);
  });

  it('redrives dead letters back to the queue, where they are consumable again', async () => {
    const name = await declareQueue();
    const ids = await publishBatch(name, [{ body: 1 }, { body: 2 }, { body: 3 }]);
    const received = await receiveAll(name, 3);
    await nack(name, received.map((m) => m.receipt), { requeue: false });
    expect((await deadLetters(name)).map((m) => m.messageId).sort()).toEqual([...ids].sort());

    const redriven = await call('POST', `${queuePath(name)}/dead-letters/redrive`, {});
    expect(redriven.status).toBe(200);
    expect(redriven.body).toEqual({ moved: 3 });
    expect(await deadLetters(name)).toEqual([]);

    const again = await receiveAll(name, 3);
    expect(again.map((m) => m.messageId).sort()).toEqual([...ids].sort());
    expect(again.every((m) => m.deliveryCount === 1)).toBe(true);
    expect((await ack(name, again.map((m) => m.receipt))).acked).toBe(3);
  });

  it('redrives at most maxMessages when asked', async () => {
    const name = await declareQueue();
    await publishBatch(name, [{ body: 1 }, { body: 2 }, { body: 3 }]);
    const received = await receiveAll(name, 3);
    await nack(name, received.map((m) => m.receipt), { requeue: false });
    const redriven = await call('POST', `${queuePath(name)}/dead-letters/redrive`, { maxMessages: 2 });
    expect(redriven.body).toEqual({ moved: 2 });
    expect(await deadLetters(name)).toHaveLength(1);
  });

  it('redrives selected dead letters by id, reports the ids not found, and leaves the others in place', async () => {
    const name = await declareQueue();
    await publishBatch(name, ['keep', 'back-1', 'back-2'].map((messageId) => ({ body: messageId, messageId })));
    const received = await receiveAll(name, 3, { waitSeconds: 5 });
    await nack(name, received.map((message) => message.receipt), { requeue: false });

    const response = await call('POST', `${queuePath(name)}/dead-letters/redrive`, { messageIds: ['back-1', 'back-2', 'missing'] });

    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toEqual({ moved: 2, notFound: ['missing'] });
    expect((await deadLetters(name)).map((letter) => letter.messageId)).toEqual(['keep']);
    expect((await receiveAll(name, 2, { waitSeconds: 5 })).map((message) => message.body).sort()).toEqual(['back-1', 'back-2']);
  });

  it('deletes selected dead letters by id (repeated messageId), reports the ids not found, and leaves the others in place', async () => {
    const name = await declareQueue();
    await publishBatch(name, ['keep', 'drop-1', 'drop,2'].map((messageId) => ({ body: messageId, messageId })));
    const received = await receiveAll(name, 3, { waitSeconds: 5 });
    await nack(name, received.map((message) => message.receipt), { requeue: false });

    const query = ['drop-1', 'drop,2', 'missing'].map((id) => `messageId=${encodeURIComponent(id)}`).join('&');
    const response = await call('DELETE', `${queuePath(name)}/dead-letters?${query}`);

    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.deleted.sort()).toEqual(['drop,2', 'drop-1']);
    expect(response.body.notFound).toEqual(['missing']);
    expect((await deadLetters(name)).map((letter) => letter.messageId)).toEqual(['keep']);
  });

  it('deletes every dead letter without messageId', async () => {
    const name = await declareQueue();
    await publishBatch(name, [{ body: 1 }, { body: 2 }]);
    const received = await receiveAll(name, 2, { waitSeconds: 5 });
    await nack(name, received.map((message) => message.receipt), { requeue: false });

    const response = await call('DELETE', `${queuePath(name)}/dead-letters`);

    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toEqual({ deleted: expect.any(Array), notFound: [] });
    expect(response.body.deleted).toHaveLength(2);
    expect(await deadLetters(name)).toEqual([]);
  });
});
