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
});
