import { describe, expect, it } from 'vitest';
import { call, expectProblem } from '../support/client.ts';
import { bind, declareExchange, exchangePath } from '../support/exchanges.ts';
import { declareQueue, receiveAll } from '../support/queues.ts';

/** A direct exchange whose `work` requests reach the responders' queue. */
async function service(): Promise<{ exchange: string; queue: string }> {
  const exchange = await declareExchange('direct');
  const queue = await declareQueue();
  await bind({ exchange, queue, bindingKey: 'work' });
  return { exchange, queue };
}

const rpc = (exchange: string, request: Record<string, unknown>) => call('POST', `${exchangePath(exchange)}/rpc`, request);

/** The responder's side: `count` requests, taken off the queue (auto ack). */
async function takeRequests(queue: string, count: number): Promise<any[]> {
  const requests = await receiveAll(queue, count, { ack: 'auto' });
  expect(requests, `requests in ${queue}`).toHaveLength(count);
  return requests;
}

async function reply(request: { replyTo: string; correlationId: string }, answer: Record<string, unknown>): Promise<void> {
  const response = await call('POST', '/v1/replies', { replyTo: request.replyTo, correlationId: request.correlationId, ...answer });
  expect(response.status, JSON.stringify(response.body)).toBe(202);
}

/** Request-reply: a call gets the reply to its own request, or a 504 once its timeout passes. */
describe('exchanges: request-reply', () => {
  it('delivers the request with replyTo and correlationId, and answers with the reply', async () => {
    const { exchange, queue } = await service();

    const pending = rpc(exchange, { routingKey: 'work', body: { add: [1, 2] } });
    const [request] = await takeRequests(queue, 1);
    expect(request).toMatchObject({ body: { add: [1, 2] }, replyTo: expect.any(String), correlationId: expect.any(String) });
    await reply(request, { body: { sum: 3 }, headers: { status: 'ok' } });
    const response = await pending;

    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ body: { sum: 3 }, headers: { status: 'ok' } });
  });

  it('answers 504 reply_timeout when no reply comes within timeoutMs', async () => {
    const { exchange } = await service();

    const startedAt = Date.now();
    const response = await rpc(exchange, { routingKey: 'work', body: 'anyone?', timeoutMs: 1_000 });

    expectProblem(response, 504, 'reply_timeout');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_000);
  });

  it('gives each of 20 concurrent calls its own reply, answered in shuffled order', async () => {
    const { exchange, queue } = await service();

    const pending = Array.from({ length: 20 }, (_, n) => rpc(exchange, { routingKey: 'work', body: { n }, timeoutMs: 20_000 }));
    const requests = await takeRequests(queue, 20);
    const shuffled = requests.map((request) => ({ request, order: Math.random() })).sort((a, b) => a.order - b.order);
    await Promise.all(shuffled.map(({ request }) => reply(request, { body: { n: request.body.n, doubled: request.body.n * 2 } })));
    const responses = await Promise.all(pending);

    expect(responses.map((response) => [response.status, response.body.body])).toEqual(Array.from({ length: 20 }, (_, n) => [200, { n, doubled: n * 2 }]));
  });
});
