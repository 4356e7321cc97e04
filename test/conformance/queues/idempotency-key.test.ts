import { describe, expect, it } from 'vitest';
import { call, expectProblem, uniqueName } from '../support/client.ts';
import { declareQueue, queuePath, receiveAll } from '../support/queues.ts';

const publishWithKey = (queue: string, message: unknown, key: string) => call('POST', `${queuePath(queue)}/messages`, message, { headers: { 'idempotency-key': key } });

describe('queues: Idempotency-Key on publish', () => {
  it('answers a repeated publish with the original response, and delivers one message', async () => {
    const queue = await declareQueue();
    const key = uniqueName('key');

    const first = await publishWithKey(queue, { body: 'once' }, key);
    const repeat = await publishWithKey(queue, { body: 'once' }, key);

    expect(first.status).toBe(202);
    expect({ status: repeat.status, body: repeat.body }).toEqual({ status: first.status, body: first.body });
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect((await receiveAll(queue, 1)).map((m) => m.body)).toEqual(['once']);
  });

  it('is a 422 idempotency_key_reused for the same key with another body', async () => {
    const queue = await declareQueue();
    const key = uniqueName('key');
    await publishWithKey(queue, { body: 'first' }, key);

    expectProblem(await publishWithKey(queue, { body: 'second' }, key), 422, 'idempotency_key_reused');
  });

  it('scopes a key to its queue', async () => {
    const [a, b] = [await declareQueue(), await declareQueue()];
    const key = uniqueName('key');
    await publishWithKey(a, { body: 'x' }, key);

    const other = await publishWithKey(b, { body: 'x' }, key);

    expect(other.status).toBe(202);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['with a space', 'two words'],
  ])('is a 400 invalid_idempotency_key for a key %s', async (_, key) => {
    const queue = await declareQueue();

    expectProblem(await publishWithKey(queue, { body: 'x' }, key), 400, 'invalid_idempotency_key');
  });
});
