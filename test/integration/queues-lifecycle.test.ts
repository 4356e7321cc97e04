import { DeleteQueueCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SqsQueueNaming } from '../../functions/core/sqs-queue-names.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';
import { ownClientConfig } from '../../testing/api-function.ts';

let queueApi: QueueApi;
beforeAll(async () => {
  queueApi = await startQueueApi();
});

describe('queue lifecycle', () => {
  it('answers health checks', async () => {
    const response = await queueApi.api.get('/v1/health');

    expect(response).toMatchObject({ status: 200, json: { status: 'ok' } });
  });

  it('answers an unknown route with a problem naming method and path', async () => {
    const response = await queueApi.api.call({ method: 'POST', path: '/v2/nowhere', rawBody: 'x', headers: { 'content-type': 'text/plain' } });

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.json).toMatchObject({ code: 'route_not_found', status: 404, instance: '/v2/nowhere' });
    expect(response.json.detail).toContain('POST /v2/nowhere');
  });

  it('answers a known path with another method with 405 and Allow, and a typo with 404 and the nearest route', async () => {
    const wrongMethod = await queueApi.api.get('/v1/queues/orders/messages');
    const typo = await queueApi.api.get('/v1/queue/orders');

    expect(wrongMethod).toMatchObject({ status: 405, headers: { allow: 'POST', 'content-type': 'application/problem+json' } });
    expect(wrongMethod.json).toMatchObject({ code: 'method_not_allowed', allowed: ['POST'], instance: '/v1/queues/orders/messages' });
    expect(typo).toMatchObject({ status: 404, json: { code: 'route_not_found', suggestion: 'GET /v1/queues/orders' } });
    expect(typo.json.detail).toBe('There is no route for GET /v1/queue/orders; did you mean GET /v1/queues/orders?');
  });

  it('creates a queue with defaults, then answers an equal declaration with 200', async () => {
    const name = queueApi.uniqueName('orders');

    const created = await queueApi.api.put(`/v1/queues/${name}`);
    const again = await queueApi.api.put(`/v1/queues/${name}`, { maxDeliveries: 5, retentionSeconds: 345_600 });

    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      name,
      maxDeliveries: 5,
      visibilityTimeoutSeconds: 30,
      retentionSeconds: 345_600,
      delaySeconds: 0,
      createdAt: expect.any(String),
    });
    expect(again).toMatchObject({ status: 200, json: created.json });
  });

  it('refuses a declaration with other settings and names the differences', async () => {
    const name = queueApi.uniqueName('payments');
    await queueApi.api.put(`/v1/queues/${name}`, { maxDeliveries: 3 });

    const response = await queueApi.api.put(`/v1/queues/${name}`, { maxDeliveries: 4, delaySeconds: 5 });

    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({
      code: 'queue_exists_with_different_settings',
      differences: [
        { setting: 'maxDeliveries', existing: 3, requested: 4 },
        { setting: 'delaySeconds', existing: 0, requested: 5 },
      ],
    });
  });

  it('ends concurrent equal declarations with one record', async () => {
    const name = queueApi.uniqueName('race');

    const responses = await Promise.all([1, 2, 3].map(() => queueApi.api.put(`/v1/queues/${name}`, { maxDeliveries: 2 })));

    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const listed = await queueApi.api.get('/v1/queues');
    expect(listed.json.queues.filter((q: { name: string }) => q.name === name)).toHaveLength(1);
  });

  it('answers a concurrent declaration with other settings with 409', async () => {
    const name = queueApi.uniqueName('race-diff');

    const responses = await Promise.all([2, 3].map((maxDeliveries) => queueApi.api.put(`/v1/queues/${name}`, { maxDeliveries })));

    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(responses.find((r) => r.status === 409)?.json.code).toBe('queue_exists_with_different_settings');
  });

  it('rejects invalid names and settings with 400', async () => {
    const badName = await queueApi.api.put('/v1/queues/has%20space');
    const badSettings = await queueApi.api.put(`/v1/queues/${queueApi.uniqueName('bad')}`, { maxDeliveries: 0, visibility: 3 });

    expect(badName.json).toMatchObject({ status: 400, code: 'invalid_queue_name' });
    expect(badSettings.json).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(badSettings.json.errors).toEqual(
      expect.arrayContaining([
        { path: 'maxDeliveries', message: 'must be an integer from 1 to 1000' },
        expect.objectContaining({ path: '', message: expect.stringContaining('visibility') }),
      ]),
    );
  });

  it('lists declared queues and describes their message counts', async () => {
    const name = queueApi.uniqueName('described');
    await queueApi.api.put(`/v1/queues/${name}`, { maxDeliveries: 7 });
    await queueApi.api.post(`/v1/queues/${name}/messages`, { messages: [{ body: 1 }, { body: 2 }, { body: 3, delaySeconds: 60 }] });
    await queueApi.api.post(`/v1/queues/${name}/receive`, {});

    const listed = await queueApi.api.get('/v1/queues');
    const described = await queueApi.api.get(`/v1/queues/${name}`);

    expect(listed.json.queues).toContainEqual(expect.objectContaining({ name, maxDeliveries: 7 }));
    expect(described).toMatchObject({
      status: 200,
      json: { name, maxDeliveries: 7, messages: { ready: 1, inFlight: 1, delayed: 1, deadLetters: 0 } },
    });
  });

  it('answers 404 queue_not_found on every queue route for an unknown queue', async () => {
    const name = queueApi.uniqueName('ghost');
    const calls = [
      queueApi.api.get(`/v1/queues/${name}`),
      queueApi.api.delete(`/v1/queues/${name}`),
      queueApi.api.post(`/v1/queues/${name}/messages`, { body: 1 }),
      queueApi.api.post(`/v1/queues/${name}/receive`),
      queueApi.api.post(`/v1/queues/${name}/ack`, { receipts: ['x'] }),
      queueApi.api.post(`/v1/queues/${name}/nack`, { receipts: ['x'] }),
      queueApi.api.get(`/v1/queues/${name}/dead-letters`),
      queueApi.api.post(`/v1/queues/${name}/dead-letters/redrive`),
    ];

    const responses = await Promise.all(calls);

    expect(responses.map((r) => [r.status, r.json.code])).toEqual(calls.map(() => [404, 'queue_not_found']));
  });

  it('refuses to delete a queue holding messages when ifEmpty=true, deletes it otherwise', async () => {
    const name = queueApi.uniqueName('doomed');
    await queueApi.api.put(`/v1/queues/${name}`);
    await queueApi.api.post(`/v1/queues/${name}/messages`, { body: 'left behind' });

    const refused = await queueApi.api.delete(`/v1/queues/${name}?ifEmpty=true`);
    const deleted = await queueApi.api.delete(`/v1/queues/${name}`);
    const afterwards = await queueApi.api.get(`/v1/queues/${name}`);

    expect(refused.json).toMatchObject({ status: 409, code: 'queue_not_empty', messages: { ready: 1 } });
    expect(refused.json.detail).toContain('1 ready');
    expect(deleted).toMatchObject({ status: 204, json: undefined });
    expect(afterwards.json.code).toBe('queue_not_found');
  });

  it('deletes an empty queue when ifEmpty=true', async () => {
    const name = queueApi.uniqueName('empty');
    await queueApi.api.put(`/v1/queues/${name}`);

    const deleted = await queueApi.api.delete(`/v1/queues/${name}?ifEmpty=true`);
    const listed = await queueApi.api.get('/v1/queues');

    expect(deleted.status).toBe(204);
    expect(listed.json.queues).not.toContainEqual(expect.objectContaining({ name }));
  });

  describe('after a delete was interrupted once the SQS queue was gone', () => {
    /** Leaves the declaration recorded but its SQS queue deleted, as a crash mid-delete would. */
    async function halfDeletedQueue(label: string): Promise<string> {
      const name = queueApi.uniqueName(label);
      await queueApi.api.put(`/v1/queues/${name}`);
      const sqs = new SQSClient(ownClientConfig);
      const queueName = new SqsQueueNaming(queueApi.prefix).namesFor(name).queue;
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
      await sqs.send(new DeleteQueueCommand({ QueueUrl }));
      sqs.destroy();
      return name;
    }

    it('finishes the delete when it is repeated', async () => {
      const name = await halfDeletedQueue('interrupted');

      const deleted = await queueApi.api.delete(`/v1/queues/${name}?ifEmpty=true`);
      const afterwards = await queueApi.api.get(`/v1/queues/${name}`);

      expect(deleted.status).toBe(204);
      expect(afterwards.json.code).toBe('queue_not_found');
    });

    it('restores the SQS queue on a redeclaration', async () => {
      const name = await halfDeletedQueue('restored');

      const redeclared = await queueApi.api.put(`/v1/queues/${name}`);
      const published = await queueApi.api.post(`/v1/queues/${name}/messages`, { body: 'works' });

      expect(redeclared.status).toBe(200);
      expect(published.status).toBe(202);
    });
  });
});
