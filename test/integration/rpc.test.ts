import { GetQueueUrlCommand, QueueDoesNotExist } from '@aws-sdk/client-sqs';
import { setTimeout } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CLAIMED_PAYLOAD_BYTES } from '../../functions/core/claim-check.ts';
import { DEFAULT_RPC_TIMEOUT_MS } from '../../functions/core/request-reply.ts';
import { failCalls } from '../support/aws-fault-injection.ts';
import { exchangeFixtures } from '../support/exchange-fixtures.ts';
import type { ApiResponse } from '../../testing/handler-harness.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

let queueApi: QueueApi;
let fixtures: ReturnType<typeof exchangeFixtures>;
beforeAll(async () => {
  queueApi = await startQueueApi();
  fixtures = exchangeFixtures(queueApi);
});

/** A direct exchange whose `work` requests reach one queue, the responders'. */
async function service(): Promise<{ exchange: string; queue: string }> {
  const exchange = await fixtures.exchange('direct');
  const queue = await fixtures.queue('responders');
  await fixtures.bind({ exchange, queue, bindingKey: 'work' });
  return { exchange, queue };
}

const rpc = (exchange: string, request: Record<string, unknown>) => queueApi.api.post(`/v1/exchanges/${exchange}/rpc`, request);

/** The responder's side: takes `count` requests off its queue (auto ack), long-polling. */
async function takeRequests(queue: string, count: number): Promise<any[]> {
  const taken: any[] = [];
  while (taken.length < count) {
    const response = await queueApi.api.post(`/v1/queues/${queue}/receive`, { maxMessages: 10, waitSeconds: 5, ack: 'auto' });
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    if (response.json.messages.length === 0) throw new Error(`${taken.length} of ${count} requests arrived in ${queue}`);
    taken.push(...response.json.messages);
  }
  return taken;
}

const reply = (request: { replyTo: string; correlationId: string }, answer: Record<string, unknown>) =>
  queueApi.api.post('/v1/replies', { replyTo: request.replyTo, correlationId: request.correlationId, ...answer });

function expectProblem(response: ApiResponse, status: number, code: string): void {
  expect({ status: response.status, code: response.json?.code }, JSON.stringify(response.json)).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
}

describe('request-reply over an exchange', () => {
  it('delivers the request with replyTo and correlationId, and answers with the reply', async () => {
    const { exchange, queue } = await service();

    const call = rpc(exchange, { routingKey: 'work', body: { add: [1, 2] }, headers: { tenant: 't1' } });
    const [request] = await takeRequests(queue, 1);
    expect(request).toMatchObject({
      body: { add: [1, 2] },
      headers: { tenant: 't1' },
      exchange,
      routingKey: 'work',
      replyTo: expect.stringMatching(/^rpc-[0-9a-f]{32}$/),
      correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const answered = await reply(request, { body: { sum: 3 }, headers: { status: 'ok' } });
    const response = await call;

    expect(answered.status, JSON.stringify(answered.json)).toBe(202);
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    expect(response.json).toEqual({ correlationId: request.correlationId, body: { sum: 3 }, headers: { status: 'ok' } });
  });

  it('carries binary payloads as bodyBase64 both ways', async () => {
    const { exchange, queue } = await service();

    const call = rpc(exchange, { routingKey: 'work', bodyBase64: 'AAEC' });
    const [request] = await takeRequests(queue, 1);
    await reply(request, { bodyBase64: '/w==' });

    expect(request.bodyBase64).toBe('AAEC');
    expect((await call).json).toEqual({ correlationId: request.correlationId, bodyBase64: '/w==', headers: {} });
  });

  it('answers 504 reply_timeout once timeoutMs passes without a reply, and the request expires with it', async () => {
    const { exchange, queue } = await service();

    const startedAt = Date.now();
    const response = await rpc(exchange, { routingKey: 'work', body: 'anyone?', timeoutMs: 1_000 });
    const elapsed = Date.now() - startedAt;

    expectProblem(response, 504, 'reply_timeout');
    expect(response.json).toMatchObject({ exchange, routingKey: 'work', timeoutMs: 1_000 });
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
    expect(elapsed).toBeLessThan(DEFAULT_RPC_TIMEOUT_MS); // its own timeout, not the default
    // No responder works on a request whose caller has given up: its TTL is timeoutMs from its
    // enqueueing, a moment after the wait began.
    await setTimeout(300);
    const late = await queueApi.api.post(`/v1/queues/${queue}/receive`, { maxMessages: 10 });
    expect(late.json.messages).toEqual([]);
  });

  it('discards a reply that comes after the timeout: 410 reply_expired, and no later call sees it', async () => {
    const { exchange, queue } = await service();

    const call = rpc(exchange, { routingKey: 'work', body: 'slow', timeoutMs: 1_500 });
    const [request] = await takeRequests(queue, 1);
    expectProblem(await call, 504, 'reply_timeout');
    const late = await reply(request, { body: 'too late' });

    expectProblem(late, 410, 'reply_expired');
    expect(late.json.replyTo).toBe(request.replyTo);
    const next = rpc(exchange, { routingKey: 'work', body: 'next' });
    const [nextRequest] = await takeRequests(queue, 1);
    expect(nextRequest.replyTo).not.toBe(request.replyTo);
    await reply(nextRequest, { body: 'on time' });
    expect((await next).json.body).toBe('on time');
  });

  it('takes the first reply with its correlationId: others on its address are ignored, a second one is refused', async () => {
    const { exchange, queue } = await service();

    const call = rpc(exchange, { routingKey: 'work', body: 'once' });
    const [request] = await takeRequests(queue, 1);
    const stray = await reply({ replyTo: request.replyTo, correlationId: crypto.randomUUID() }, { body: 'not mine' });
    const first = await reply(request, { body: 'first' });
    const response = await call;
    const second = await reply(request, { body: 'second' });

    expect([stray.status, first.status]).toEqual([202, 202]);
    expect(response.json.body).toBe('first');
    expectProblem(second, 410, 'reply_expired');
  });

  it('gives each of 20 concurrent calls its own reply, whatever order the replies come in', async () => {
    const { exchange, queue } = await service();

    const calls = Array.from({ length: 20 }, (_, n) => rpc(exchange, { routingKey: 'work', body: { n }, timeoutMs: 20_000 }));
    const requests = await takeRequests(queue, 20);
    const shuffled = requests.map((request) => ({ request, order: Math.random() })).sort((a, b) => a.order - b.order);
    const replies = await Promise.all(shuffled.map(({ request }) => reply(request, { body: { n: request.body.n, squared: request.body.n ** 2 } })));
    const responses = await Promise.all(calls);

    expect(replies.map((answered) => answered.status)).toEqual(replies.map(() => 202));
    expect(new Set(requests.map((request) => request.replyTo)).size).toBe(20);
    expect(responses.map((response) => [response.status, response.json.body])).toEqual(
      Array.from({ length: 20 }, (_, n) => [200, { n, squared: n ** 2 }]),
    );
  });
});

describe('request-reply refuses bad input with a 4xx before anything is sent', () => {
  it('answers 400 for a timeoutMs out of 1..25000, a missing body or an unknown member', async () => {
    const { exchange, queue } = await service();

    const responses = await Promise.all([
      rpc(exchange, { routingKey: 'work', body: 1, timeoutMs: 25_001 }),
      rpc(exchange, { routingKey: 'work', body: 1, timeoutMs: 0 }),
      rpc(exchange, { routingKey: 'work' }),
      rpc(exchange, { routingKey: 'work', body: 1, replyTo: 'mine' }),
    ]);

    for (const response of responses) expectProblem(response, 400, 'invalid_request');
    expect(responses[0]!.json.errors).toEqual([{ path: 'timeoutMs', message: 'must be an integer from 1 to 25000' }]);
    expect(await fixtures.stored([queue])).toEqual([0]);
  });

  it('answers 404 for an unknown exchange and 422 unroutable when no queue would receive the request', async () => {
    const { exchange, queue } = await service();

    const unknown = await rpc('ghost-exchange', { body: 1 });
    const unroutable = await rpc(exchange, { routingKey: 'nobody-listens', body: 1 });

    expectProblem(unknown, 404, 'exchange_not_found');
    expectProblem(unroutable, 422, 'unroutable');
    expect(unroutable.json).toMatchObject({ exchange, routingKey: 'nobody-listens' });
    expect(await fixtures.stored([queue])).toEqual([0]);
  });

  it('answers 413 for a request over the claim check maximum or a reply over the exchange publish limit', async () => {
    const { exchange, queue } = await service();
    // A request travels like any exchange message (a large body through the payload bucket); a reply
    // is published straight to the caller's topic, inline only.
    const request = await rpc(exchange, { routingKey: 'work', body: 'x'.repeat(MAX_CLAIMED_PAYLOAD_BYTES) });
    const answer = await reply({ replyTo: `rpc-${'0'.repeat(32)}`, correlationId: crypto.randomUUID() }, { body: 'x'.repeat(262_144) });

    expectProblem(request, 413, 'message_too_large');
    expectProblem(answer, 413, 'message_too_large');
    expect(await fixtures.stored([queue])).toEqual([0]);
  });

  it('answers 400 for a reply to anything but a reply address, or without a UUID correlationId', async () => {
    const queue = await fixtures.queue();

    const toQueue = await reply({ replyTo: queue, correlationId: crypto.randomUUID() }, { body: 'sneaky' });
    const badId = await reply({ replyTo: `rpc-${'a'.repeat(32)}`, correlationId: 'abc' }, { body: 1 });

    expectProblem(toQueue, 400, 'invalid_request');
    expect(toQueue.json.errors.map((error: { path: string }) => error.path)).toEqual(['replyTo']);
    expectProblem(badId, 400, 'invalid_request');
    expect(badId.json.errors.map((error: { path: string }) => error.path)).toEqual(['correlationId']);
    expect(await fixtures.stored([queue])).toEqual([0]);
  });

  it('answers 410 for a reply to an address no call is waiting on', async () => {
    const response = await reply({ replyTo: `rpc-${'b'.repeat(32)}`, correlationId: crypto.randomUUID() }, { body: 1 });

    expectProblem(response, 410, 'reply_expired');
  });

  it('leaves no reply queue behind, even when the publish failed', async () => {
    const { sqs } = await import('../../functions/adapters/aws-clients.ts');
    const { exchange } = await service();
    // The reply queues this call creates (other test files create theirs under the same prefix at the same time).
    const created: string[] = [];
    sqs.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'CreateQueueCommand') created.push((args.input as { QueueName: string }).QueueName);
        return next(args);
      },
      { step: 'initialize', name: 'recordReplyQueues' },
    );
    // The request reaches one queue, so it is sent there directly (cheaperDirect).
    const heal = failCalls(sqs, 'SendMessageBatchCommand', 'doomed-request');

    const failed = await rpc(exchange, { routingKey: 'work', body: 'doomed-request' }).finally(() => {
      heal();
      sqs.middlewareStack.remove('recordReplyQueues');
    });

    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(created).toEqual([expect.stringMatching(/rpc-[0-9a-f]{32}$/)]);
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: created[0] }))).rejects.toBeInstanceOf(QueueDoesNotExist);
  });
});
