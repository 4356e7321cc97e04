import { describe, expect, it } from 'vitest';
import { call, expectProblem, uniqueName } from '../support/client.ts';
import { declareQueue, describeQueue, publish, publishBatch, queuePath, receive } from '../support/queues.ts';

describe('queues: declaration and lifecycle', () => {
  it('creates a queue with defaults, then answers 200 to the same declaration', async () => {
    const name = uniqueName('life');
    const created = await call('PUT', queuePath(name));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, maxDeliveries: 5, visibilityTimeoutSeconds: 30, delaySeconds: 0 });

    const again = await call('PUT', queuePath(name), { maxDeliveries: 5, visibilityTimeoutSeconds: 30 });
    expect(again.status).toBe(200);
  });

  it('refuses a redeclaration with different settings and keeps the original ones', async () => {
    const name = await declareQueue({ maxDeliveries: 3 });
    expectProblem(await call('PUT', queuePath(name), { maxDeliveries: 4 }), 409, 'queue_exists_with_different_settings');
    expect((await describeQueue(name)).maxDeliveries).toBe(3);
  });

  it('accepts names with dots, dashes and underscores and keeps them distinct', async () => {
    const base = uniqueName('dots');
    const dotted = await declareQueue({}, `${base}.a.b`);
    const underscored = await declareQueue({}, `${base}_a_b`);
    await publish(dotted, { body: 'to dotted' });
    expect((await describeQueue(dotted)).messages.ready).toBe(1);
    expect((await describeQueue(underscored)).messages.ready).toBe(0);
  });

  it('describes settings and message counts', async () => {
    const name = await declareQueue({ maxDeliveries: 7, visibilityTimeoutSeconds: 45, delaySeconds: 0 });
    await publish(name, { body: { n: 1 } });
    await publish(name, { body: { n: 2 }, delaySeconds: 60 });
    const described = await describeQueue(name);
    expect(described).toMatchObject({ name, maxDeliveries: 7, visibilityTimeoutSeconds: 45 });
    expect(described.messages).toEqual({ ready: 1, inFlight: 0, delayed: 1, deadLetters: 0 });
  });

  it('lists declared queues', async () => {
    const name = await declareQueue();
    const listed = await call('GET', '/v1/queues');
    expect(listed.status).toBe(200);
    expect(listed.body.queues.map((q: { name: string }) => q.name)).toContain(name);
  });

  it('deletes a queue, after which it is unknown', async () => {
    const name = await declareQueue();
    expect((await call('DELETE', queuePath(name))).status).toBe(204);
    expectProblem(await call('GET', queuePath(name)), 404, 'queue_not_found');
    const listed = await call('GET', '/v1/queues');
    expect(listed.body.queues.map((q: { name: string }) => q.name)).not.toContain(name);
  });

  it('refuses to delete a non-empty queue with ifEmpty=true and deletes an empty one', async () => {
    const full = await declareQueue();
    await publish(full, { body: 'keep me' });
    expectProblem(await call('DELETE', `${queuePath(full)}?ifEmpty=true`), 409, 'queue_not_empty');
    expect((await describeQueue(full)).messages.ready).toBe(1);

    const empty = await declareQueue();
    expect((await call('DELETE', `${queuePath(empty)}?ifEmpty=true`)).status).toBe(204);
  });

  it('purges every message, then refuses another purge within the minute with 409 and Retry-After', async () => {
    const name = await declareQueue();
    await publishBatch(name, [{ body: 1 }, { body: 2 }]);

    const purged = await call('POST', `${queuePath(name)}/purge`);
    const again = await call('POST', `${queuePath(name)}/purge`);

    expect(purged.status, JSON.stringify(purged.body)).toBe(200);
    expect(purged.body).toEqual({ purged: { ready: expect.any(Number), inFlight: expect.any(Number), delayed: expect.any(Number) } });
    expectProblem(again, 409, 'purge_in_progress');
    expect(again.headers.get('retry-after')).toBe('60');
    expect(await receive(name, { waitSeconds: 1 })).toEqual([]);
  });
});
