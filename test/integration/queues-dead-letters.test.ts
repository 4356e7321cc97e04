import { beforeAll, describe, expect, it } from 'vitest';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

let queueApi: QueueApi;
beforeAll(async () => {
  queueApi = await startQueueApi();
});

async function queueWith(label: string, settings: object, bodies: unknown[]): Promise<string> {
  const name = queueApi.uniqueName(label);
  await queueApi.api.put(`/v1/queues/${name}`, settings);
  await queueApi.api.post(`/v1/queues/${name}/messages`, { messages: bodies.map((body) => ({ body, headers: { kind: 'test' } })) });
  return name;
}

const receive = async (name: string, options: object = {}) =>
  (await queueApi.api.post(`/v1/queues/${name}/receive`, { maxMessages: 10, ...options })).json.messages;

const peek = async (name: string, query = '') => (await queueApi.api.get(`/v1/queues/${name}/dead-letters${query}`)).json.messages;

const reject = async (name: string, messages: { receipt: string }[]) =>
  queueApi.api.post(`/v1/queues/${name}/nack`, { receipts: messages.map((m) => m.receipt), requeue: false });

describe('dead letters', () => {
  it('dead-letters a rejected message at once, recording why, and peeking leaves it there', async () => {
    const name = await queueWith('rejected', {}, ['bad input']);
    const [message] = await receive(name);

    const nacked = await reject(name, [message]);
    const firstPeek = await peek(name);
    const secondPeek = await peek(name);
    const { json } = await queueApi.api.get(`/v1/queues/${name}`);

    expect(nacked.json).toEqual({ nacked: 1, failures: [] });
    expect(firstPeek).toEqual([
      {
        messageId: message.messageId,
        body: 'bad input',
        headers: { kind: 'test' },
        publishedAt: message.publishedAt,
        reason: 'rejected',
        deliveryCount: 1,
        deadLetteredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    expect(secondPeek).toEqual(firstPeek);
    expect(json.messages).toMatchObject({ ready: 0, inFlight: 0, deadLetters: 1 });
  });

  it('moves a poison message to the dead letters after maxDeliveries receives', async () => {
    const name = await queueWith('poison', { maxDeliveries: 2 }, ['poison']);

    const deliveries = [];
    for (let i = 0; i < 3; i++) deliveries.push(...(await receive(name, { visibilityTimeoutSeconds: 0 })));
    const letters = await peek(name);

    expect(deliveries.map((m: { deliveryCount: number }) => m.deliveryCount)).toEqual([1, 2]);
    expect(letters).toEqual([
      expect.objectContaining({ body: 'poison', reason: 'delivery_limit', deliveryCount: 2, deadLetteredAt: null }),
    ]);
  });

  it('peeks at most max dead letters', async () => {
    const name = await queueWith('peek-max', {}, [1, 2, 3]);
    await reject(name, await receive(name));

    const two = await peek(name, '?max=2');
    const all = await peek(name, '?max=100');

    expect(two).toHaveLength(2);
    expect(all.map((m: { body: number }) => m.body).sort()).toEqual([1, 2, 3]);
  });

  it('rejects a max outside 1..100 with 400', async () => {
    const name = await queueWith('peek-invalid', {}, []);

    const responses = await Promise.all(
      ['?max=0', '?max=101', '?max=ten', '?other=1'].map((query) => queueApi.api.get(`/v1/queues/${name}/dead-letters${query}`)),
    );

    expect(responses.map((r) => [r.status, r.json.code])).toEqual(responses.map(() => [400, 'invalid_request']));
  });

  it('redrives dead letters back to the queue, where they are consumable again', async () => {
    const name = await queueWith('redrive', {}, ['one', 'two', 'three']);
    await reject(name, await receive(name));

    const partial = await queueApi.api.post(`/v1/queues/${name}/dead-letters/redrive`, { maxMessages: 2 });
    const rest = await queueApi.api.post(`/v1/queues/${name}/dead-letters/redrive`);
    const remaining = await peek(name);
    const redelivered = await receive(name);
    const acked = await queueApi.api.post(`/v1/queues/${name}/ack`, { receipts: redelivered.map((m: { receipt: string }) => m.receipt) });

    expect(partial.json).toEqual({ moved: 2 });
    expect(rest.json).toEqual({ moved: 1 });
    expect(remaining).toEqual([]);
    expect(redelivered.map((m: { body: string }) => m.body).sort()).toEqual(['one', 'three', 'two']);
    expect(redelivered.map((m: { deliveryCount: number }) => m.deliveryCount)).toEqual([1, 1, 1]);
    expect(acked.json).toEqual({ acked: 3, failures: [] });
  });

  it('redrives selected dead letters by the ids a peek shows, listing those not found, and leaves the rest visible at once', async () => {
    const name = queueApi.uniqueName('redrive-some');
    await queueApi.api.put(`/v1/queues/${name}`, { maxPriority: 5 });
    const ids = ['keep-1', 'back-1', 'keep-2', 'back-2'];
    await queueApi.api.post(`/v1/queues/${name}/messages`, { messages: ids.map((messageId, index) => ({ body: messageId, messageId, priority: index })) });
    await reject(name, await receive(name));

    const redriven = await queueApi.api.post(`/v1/queues/${name}/dead-letters/redrive`, { messageIds: ['back-1', 'back-2', 'never-there'] });
    const left = await peek(name);
    const back = await receive(name);

    expect(redriven).toMatchObject({ status: 200, json: { moved: 2, notFound: ['never-there'] } });
    expect(left.map((m: { messageId: string }) => m.messageId).sort()).toEqual(['keep-1', 'keep-2']);
    // Each back at its priority level (the higher first) with a fresh delivery count.
    expect(back.map((m: { messageId: string; priority: number; deliveryCount: number }) => [m.messageId, m.priority, m.deliveryCount])).toEqual([
      ['back-2', 3, 1],
      ['back-1', 1, 1],
    ]);
  });

  it('refuses a redrive with both maxMessages and messageIds, or with no messageId, with 400', async () => {
    const name = await queueWith('redrive-invalid', {}, []);

    const both = await queueApi.api.post(`/v1/queues/${name}/dead-letters/redrive`, { maxMessages: 1, messageIds: ['a'] });
    const none = await queueApi.api.post(`/v1/queues/${name}/dead-letters/redrive`, { messageIds: [] });

    expect([both.status, both.json.code, none.status, none.json.code]).toEqual([400, 'invalid_request', 400, 'invalid_request']);
  });

  it('deletes selected dead letters by the ids a peek shows, a comma inside an id included, and leaves the rest visible at once', async () => {
    const name = queueApi.uniqueName('delete-some');
    await queueApi.api.put(`/v1/queues/${name}`);
    const ids = ['keep-1', 'drop,1', 'keep-2', 'drop-2'];
    await queueApi.api.post(`/v1/queues/${name}/messages`, { messages: ids.map((messageId) => ({ body: messageId, messageId })) });
    await reject(name, await receive(name));

    const query = ['drop,1', 'drop-2', 'never-there'].map((id) => `messageId=${encodeURIComponent(id)}`).join('&');
    const deleted = await queueApi.api.delete(`/v1/queues/${name}/dead-letters?${query}`);
    const left = await peek(name);

    expect(deleted).toMatchObject({ status: 200, json: { notFound: ['never-there'] } });
    expect(deleted.json.deleted.sort()).toEqual(['drop,1', 'drop-2']);
    expect(left.map((m: { messageId: string }) => m.messageId).sort()).toEqual(['keep-1', 'keep-2']);
  });

  it('deletes every dead letter without messageId, and deleting none is no error', async () => {
    const name = await queueWith('delete-all', {}, [1, 2, 3]);
    await reject(name, await receive(name));

    const all = await queueApi.api.delete(`/v1/queues/${name}/dead-letters`);
    const none = await queueApi.api.delete(`/v1/queues/${name}/dead-letters?messageId=x`);

    expect(all.status).toBe(200);
    expect(all.json.deleted).toHaveLength(3);
    expect(all.json.notFound).toEqual([]);
    expect(await peek(name)).toEqual([]);
    expect(none).toMatchObject({ status: 200, json: { deleted: [], notFound: ['x'] } });
  });

  it('rejects an unknown query parameter or a bad messageId with 400, and an unknown queue with 404', async () => {
    const name = await queueWith('delete-invalid', {}, []);

    const other = await queueApi.api.delete(`/v1/queues/${name}/dead-letters?max=1`);
    const empty = await queueApi.api.delete(`/v1/queues/${name}/dead-letters?messageId=`);
    const unknown = await queueApi.api.delete(`/v1/queues/${queueApi.uniqueName('absent')}/dead-letters`);

    expect([other.status, other.json.code, empty.status, empty.json.code]).toEqual([400, 'invalid_request', 400, 'invalid_request']);
    expect(unknown).toMatchObject({ status: 404, json: { code: 'queue_not_found' } });
  });
});
