import { describe, expect, it } from 'vitest';
import { call, expectProblem, uniqueName } from '../support/client.ts';
import { ack, declareQueue, describeQueue, publish, queuePath, receive } from '../support/queues.ts';

/** Every client mistake gets a problem+json with a stable code, and leaves state as it was. */
describe('queues: bad input', () => {
  it('rejects invalid queue names without creating anything', async () => {
    const tooLong = 'a'.repeat(129);
    for (const name of ['has space', 'slash%2Fname', 'star*', tooLong]) {
      expectProblem(await call('PUT', `/v1/queues/${name}`), 400, 'invalid_queue_name');
    }
    const listed = await call('GET', '/v1/queues');
    expect(listed.body.queues.map((q: { name: string }) => q.name)).not.toContain(tooLong);
  });

  it('rejects out-of-range and unknown settings without creating the queue', async () => {
    for (const settings of [{ maxDeliveries: 0 }, { maxDeliveries: 1001 }, { visibilityTimeoutSeconds: -1 }, { delaySeconds: 901 }, { maxDeliveries: 'five' }]) {
      const name = uniqueName('bad');
      expectProblem(await call('PUT', queuePath(name), settings), 400, 'invalid_request');
      expectProblem(await call('GET', queuePath(name)), 404, 'queue_not_found');
    }
  });

  it('answers 404 for every operation on an unknown queue', async () => {
    const path = queuePath(uniqueName('ghost'));
    const requests: Array<[string, string, unknown?]> = [
      ['GET', path],
      ['DELETE', path],
      ['POST', `${path}/messages`, { body: 1 }],
      ['POST', `${path}/receive`, {}],
      ['POST', `${path}/ack`, { receipts: ['x'] }],
      ['POST', `${path}/nack`, { receipts: ['x'] }],
      ['GET', `${path}/dead-letters`],
      ['POST', `${path}/dead-letters/redrive`, {}],
    ];
    for (const [method, url, body] of requests) {
      expectProblem(await call(method, url, body), 404, 'queue_not_found');
    }
  });

  it('rejects a non-JSON body with 415 and malformed JSON with 400', async () => {
    const name = await declareQueue();
    expectProblem(await call('POST', `${queuePath(name)}/messages`, undefined, { rawBody: 'hello', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
    expectProblem(await call('POST', `${queuePath(name)}/messages`, undefined, { rawBody: '{"body": ', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
    expect((await describeQueue(name)).messages.ready).toBe(0);
  });

  it('rejects a whole batch when one message is invalid, writing none of it', async () => {
    const name = await declareQueue();
    const batch = { messages: [{ body: 'fine' }, { headers: { no: 'body' } }, { body: 'also fine' }] };
    const response = await call('POST', `${queuePath(name)}/messages`, batch);
    expectProblem(response, 400, 'invalid_request');
    expect(JSON.stringify(response.body.errors)).toContain('messages');
    expect((await describeQueue(name)).messages.ready).toBe(0);
  });

  it('rejects batches over 100 messages and messages with both or neither body forms', async () => {
    const name = await declareQueue();
    const tooMany = { messages: Array.from({ length: 101 }, (_, i) => ({ body: i })) };
    expectProblem(await call('POST', `${queuePath(name)}/messages`, tooMany), 400, 'invalid_request');
    expectProblem(await call('POST', `${queuePath(name)}/messages`, { body: 1, bodyBase64: 'AA==' }), 400, 'invalid_request');
    expectProblem(await call('POST', `${queuePath(name)}/messages`, { bodyBase64: 'not base64!' }), 400, 'invalid_request');
    expect((await describeQueue(name)).messages.ready).toBe(0);
  });

  it('rejects a message larger than SQS accepts with 413, writing nothing', async () => {
    const name = await declareQueue();
    const large = { messages: [{ body: 'small' }, { body: 'x'.repeat(1024 * 1024) }] };
    expectProblem(await call('POST', `${queuePath(name)}/messages`, large), 413, 'message_too_large');
    expect((await describeQueue(name)).messages.ready).toBe(0);
  });

  it('rejects out-of-range receive and nack options', async () => {
    const name = await declareQueue();
    expectProblem(await call('POST', `${queuePath(name)}/receive`, { maxMessages: 11 }), 400, 'invalid_request');
    expectProblem(await call('POST', `${queuePath(name)}/receive`, { waitSeconds: 21 }), 400, 'invalid_request');
    expectProblem(await call('POST', `${queuePath(name)}/nack`, { receipts: [] }), 400, 'invalid_request');
    expectProblem(await call('GET', `${queuePath(name)}/dead-letters?max=0`), 400, 'invalid_request');
  });

  it('reports stale, foreign and garbage receipts per receipt, acking the good ones', async () => {
    const [mine, other] = [await declareQueue(), await declareQueue()];
    await publish(mine, { body: 'mine' });
    await publish(other, { body: 'other' });
    const [good] = await receive(mine, { waitSeconds: 5 });
    const [foreign] = await receive(other, { waitSeconds: 5 });

    const result = await ack(mine, [good!.receipt, foreign!.receipt, 'garbage']);
    expect(result.acked).toBe(1);
    expect(result.failures.map((f) => [f.receipt, f.code])).toEqual([
      [foreign!.receipt, 'foreign_receipt'],
      ['garbage', 'invalid_receipt'],
    ]);
    expect((await describeQueue(other)).messages.inFlight).toBe(1);
  });
});
