import { beforeAll, describe, expect, it } from 'vitest';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

let queueApi: QueueApi;
beforeAll(async () => {
  queueApi = await startQueueApi();
});

const receive = async (name: string) => (await queueApi.api.post(`/v1/queues/${name}/receive`, { maxMessages: 10, waitSeconds: 1 })).json.messages;

describe('purge', () => {
  it('removes the messages of every priority level, not the dead letters, and answers the counts from before', async () => {
    const name = queueApi.uniqueName('purge');
    await queueApi.api.put(`/v1/queues/${name}`, { maxPriority: 2 });
    await queueApi.api.post(`/v1/queues/${name}/messages`, { messages: [{ body: 'dead' }] });
    const [dying] = await receive(name);
    await queueApi.api.post(`/v1/queues/${name}/nack`, { receipts: [dying.receipt], requeue: false });
    await queueApi.api.post(`/v1/queues/${name}/messages`, { messages: [0, 1, 2].map((priority) => ({ body: priority, priority })) });

    const purged = await queueApi.api.post(`/v1/queues/${name}/purge`);
    const { json } = await queueApi.api.get(`/v1/queues/${name}`);

    expect(purged).toMatchObject({ status: 200, json: { purged: { ready: 3, inFlight: 0, delayed: 0 } } });
    expect(json.messages).toEqual({ ready: 0, inFlight: 0, delayed: 0, deadLetters: 1 });
    expect(await receive(name)).toEqual([]);
  });

  it('answers a second purge within SQS’s minute with 409 purge_in_progress and Retry-After', async () => {
    const name = queueApi.uniqueName('purge-twice');
    await queueApi.api.put(`/v1/queues/${name}`);

    const first = await queueApi.api.post(`/v1/queues/${name}/purge`);
    const second = await queueApi.api.post(`/v1/queues/${name}/purge`);

    expect(first).toMatchObject({ status: 200, json: { purged: { ready: 0, inFlight: 0, delayed: 0 } } });
    expect(second).toMatchObject({ status: 409, headers: { 'retry-after': '60' }, json: { code: 'purge_in_progress' } });
  });

  it('answers 404 for an unknown queue', async () => {
    const response = await queueApi.api.post(`/v1/queues/${queueApi.uniqueName('absent')}/purge`);

    expect(response).toMatchObject({ status: 404, json: { code: 'queue_not_found' } });
  });
});
