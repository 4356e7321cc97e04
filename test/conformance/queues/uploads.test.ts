import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, expectProblem } from '../support/client.ts';
import { bind, declareExchange, publishTo } from '../support/exchanges.ts';
import { declareQueue, publish, queuePath, receive } from '../support/queues.ts';

/** Bodies over one request's limit: PUT to a presigned URL, published by upload id, received by URL. */
describe('queues: presigned uploads', () => {
  it('delivers a 12 MiB uploaded body intact, by a presigned URL on receive', async () => {
    const queue = await declareQueue();
    const bytes = randomBytes(12 * 1024 * 1024);
    const created = await call('POST', '/v1/uploads', { bytes: bytes.length, contentType: 'application/pdf' });
    expect(created).toMatchObject({ status: 201, body: { method: 'PUT', headers: { 'content-type': 'application/pdf' } } });

    const put = await fetch(created.body.url, { method: 'PUT', headers: created.body.headers, body: bytes });
    expect(put.status).toBe(200);
    await publish(queue, { upload: created.body.uploadId, headers: { kind: 'scan' } });

    const [message] = await receive(queue, { waitSeconds: 1 });
    expect(message).toMatchObject({ headers: { kind: 'scan' }, bodyRef: { encoding: 'binary', bytes: 4 * Math.ceil(bytes.length / 3) } });
    const fetched = Buffer.from(await (await fetch(message!.bodyUrl!)).arrayBuffer());
    expect(fetched.equals(bytes)).toBe(true);
  });

  it('routes an uploaded body through an exchange, back as base64 while it fits an answer', async () => {
    const exchange = await declareExchange('fanout');
    const queue = await declareQueue();
    await bind({ exchange, queue });
    const bytes = randomBytes(1000);
    const created = await call('POST', '/v1/uploads', { bytes: bytes.length });
    await fetch(created.body.url, { method: 'PUT', headers: created.body.headers, body: bytes });

    expect(await publishTo(exchange, { upload: created.body.uploadId })).toMatchObject({ routedTo: 1 });
    const [message] = await receive(queue, { waitSeconds: 1 });
    expect(message).toMatchObject({ bodyBase64: bytes.toString('base64') });
    expect(message).not.toHaveProperty('bodyUrl');
  });

  it('answers 404 upload_not_found for an upload that was never made, and publishes nothing', async () => {
    const queue = await declareQueue();
    expectProblem(await call('POST', `${queuePath(queue)}/messages`, { upload: randomUUID() }), 404, 'upload_not_found');
    expect(await receive(queue)).toEqual([]);
  });

  it('takes exactly one of body, bodyBase64 and upload', async () => {
    const queue = await declareQueue();
    const response = await call('POST', `${queuePath(queue)}/messages`, { body: 1, upload: randomUUID() });
    expectProblem(response, 400, 'invalid_request');
  });

  it('refuses an upload over 32 MiB', async () => {
    expectProblem(await call('POST', '/v1/uploads', { bytes: 32 * 1024 * 1024 + 1 }), 400, 'invalid_request');
  });
});
