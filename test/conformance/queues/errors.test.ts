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
      ['DELETE', `${path}/dead-letters`],
      ['POST', `${path}/purge`],
    ];
    for (const [method, url, body] of requests) {
      expectProblem(await call(method, url, body), 404, 'queue_not_found');
    }
  });

  it('answers a known path with another method with 405 and an Allow header naming the methods it has', async () => {
    const wrongMethod = await call('GET', `${queuePath(uniqueName('q'))}/messages`);
    const other = await call('PATCH', queuePath(uniqueName('q')));

    expectProblem(wrongMethod, 405, 'method_not_allowed');
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(wrongMethod.body.detail).toMatch(/does not take GET; it takes POST\.$/);
    expectProblem(other, 405, 'method_not_allowed');
    expect(other.headers.get('allow')).toBe('PUT, GET, DELETE');
  });

  it('answers a path with a typo with 404 and the nearest route, and tells only a caller outside /v1 where the API lives', async () => {
    const typo = await call('GET', '/v1/queue/orders');
    const withoutVersion = await call('POST', '/queues/orders/messages', { body: 1 });
    const unlike = await call('GET', '/v1/nothing/like/this');

    expectProblem(typo, 404, 'route_not_found');
    expect(typo.body).toMatchObject({ suggestion: 'GET /v1/queues/orders', detail: 'There is no route for GET /v1/queue/orders; did you mean GET /v1/queues/orders?' });
    expect(withoutVersion.body).toMatchObject({ code: 'route_not_found', suggestion: 'POST /v1/queues/orders/messages' });
    expectProblem(unlike, 404, 'route_not_found');
    expect(unlike.body.detail).not.toContain('lives under /v1');
    expect((await call('GET', '/v2/nowhere/at/all')).body.detail).toContain('the API lives under /v1');
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

  it('rejects a payload larger than the claim check takes (5 MiB) with 413, writing nothing', async () => {
    const name = await declareQueue();
    const large = { messages: [{ body: 'small' }, { body: 'x'.repeat(5 * 1024 * 1024) }] };
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
