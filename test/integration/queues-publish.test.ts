import { beforeAll, describe, expect, it } from 'vitest';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

let queueApi: QueueApi;
beforeAll(async () => {
  queueApi = await startQueueApi();
});

async function declaredQueue(label: string): Promise<string> {
  const name = queueApi.uniqueName(label);
  await queueApi.api.put(`/v1/queues/${name}`);
  return name;
}

/** Ready plus delayed: everything a publish could have written. */
async function storedCount(name: string): Promise<number> {
  const { json } = await queueApi.api.get(`/v1/queues/${name}`);
  return json.messages.ready + json.messages.delayed;
}

async function receiveAll(name: string, count: number) {
  const received = [];
  while (received.length < count) {
    const { json } = await queueApi.api.post(`/v1/queues/${name}/receive`, { maxMessages: 10, waitSeconds: 1 });
    if (json.messages.length === 0) break;
    received.push(...json.messages);
  }
  return received;
}

describe('publish', () => {
  it('publishes one JSON message with headers and a given id', async () => {
    const name = await declaredQueue('single');

    const published = await queueApi.api.post(`/v1/queues/${name}/messages`, {
      body: { order: 42, lines: ['a', 'b'] },
      headers: { tenant: 'acme', priority: 3, urgent: true },
      messageId: 'order-42',
    });
    const [message] = await receiveAll(name, 1);

    expect(published).toMatchObject({ status: 202, json: { messageIds: ['order-42'] } });
    expect(message).toMatchObject({
      messageId: 'order-42',
      body: { order: 42, lines: ['a', 'b'] },
      headers: { tenant: 'acme', priority: 3, urgent: true },
      deliveryCount: 1,
      publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      receipt: expect.any(String),
    });
  });

  it('keeps falsy JSON bodies, binary bodies and characters SQS rejects raw', async () => {
    const name = await declaredQueue('falsy');
    const bytes = Buffer.from([0, 1, 2, 254, 255]).toString('base64');
    const messages = [
      { body: null, messageId: 'null' },
      { body: false, messageId: 'false' },
      { body: 0, messageId: 'zero' },
      { body: 'tab\there \uFFFF end', messageId: 'odd-characters' },
      { bodyBase64: bytes, messageId: 'binary' },
    ];

    const published = await queueApi.api.post(`/v1/queues/${name}/messages`, { messages });
    const received = await receiveAll(name, messages.length);

    expect(published.json.messageIds).toEqual(messages.map((m) => m.messageId));
    const byId = Object.fromEntries(received.map((m) => [m.messageId, m]));
    expect(byId).toMatchObject({
      null: { body: null },
      false: { body: false },
      zero: { body: 0 },
      'odd-characters': { body: 'tab\there \uFFFF end' },
      binary: { bodyBase64: bytes },
    });
    expect(byId.binary).not.toHaveProperty('body');
  });

  it('publishes a batch in request order, generating ids, split by size across SQS batches', async () => {
    const name = await declaredQueue('batch');
    const large = 'x'.repeat(300_000);
    const messages = [
      ...Array.from({ length: 22 }, (_, i) => ({ body: { i } })),
      ...Array.from({ length: 4 }, () => ({ body: large })),
    ];

    const published = await queueApi.api.post(`/v1/queues/${name}/messages`, { messages });

    expect(published.status).toBe(202);
    expect(published.json.messageIds).toHaveLength(26);
    expect(new Set(published.json.messageIds).size).toBe(26);
    expect(await storedCount(name)).toBe(26);
  });

  it('delays a message by its delaySeconds', async () => {
    const name = await declaredQueue('delayed');

    await queueApi.api.post(`/v1/queues/${name}/messages`, { body: 'later', delaySeconds: 30 });
    const { json } = await queueApi.api.get(`/v1/queues/${name}`);

    expect(json.messages).toMatchObject({ ready: 0, delayed: 1 });
  });

  it('rejects a request holding one payload over the claim check’s 5 MiB with 413 and writes nothing', async () => {
    const name = await declaredQueue('large');

    const response = await queueApi.api.post(`/v1/queues/${name}/messages`, {
      messages: [{ body: 'fine' }, { body: 'x'.repeat(5 * 1_048_576), messageId: 'huge' }],
    });

    expect(response.json).toMatchObject({ status: 413, code: 'message_too_large', index: 1, messageId: 'huge', limit: 5 * 1_048_576 });
    expect(await storedCount(name)).toBe(0);
  });

  it('rejects a body that is not JSON with 415, and malformed JSON with 400', async () => {
    const name = await declaredQueue('media');

    const text = await queueApi.api.call({
      method: 'POST',
      path: `/v1/queues/${name}/messages`,
      rawBody: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    const malformed = await queueApi.api.call({
      method: 'POST',
      path: `/v1/queues/${name}/messages`,
      rawBody: '{"body": ',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });

    expect(text.json).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect(malformed.json).toMatchObject({ status: 400, code: 'invalid_json' });
    expect(await storedCount(name)).toBe(0);
  });

  it.each([
    ['no body at all', undefined, ''],
    ['neither body nor bodyBase64', { headers: {} }, ''],
    ['both body and bodyBase64', { body: 1, bodyBase64: 'AA==' }, ''],
    ['invalid base64', { bodyBase64: 'not base64!' }, 'bodyBase64'],
    ['a header value that is an object', { body: 1, headers: { a: { b: 1 } } }, 'headers.a'],
    ['65 headers', { body: 1, headers: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`h${i}`, i])) }, 'headers'],
    ['a non-ASCII messageId', { body: 1, messageId: 'café' }, 'messageId'],
    ['a delay over 900 s', { body: 1, delaySeconds: 901 }, 'delaySeconds'],
    ['an empty batch', { messages: [] }, 'messages'],
    ['101 messages', { messages: Array.from({ length: 101 }, () => ({ body: 1 })) }, 'messages'],
    ['one bad message in a batch', { messages: [{ body: 1 }, { body: 2 }, { body: 3, delaySeconds: -1 }] }, 'messages.2.delaySeconds'],
  ])('rejects %s with 400 and writes nothing', async (_case, json, path) => {
    const name = await declaredQueue('invalid');

    const response = await queueApi.api.post(`/v1/queues/${name}/messages`, json);

    expect(response.json).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(response.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await storedCount(name)).toBe(0);
  });
});
