import { AsyncLocalStorage } from 'node:async_hooks';
import { countCalls } from '../testing/aws-call-counter.ts';
import type { ApiClient } from '../testing/handler-harness.ts';
import { expectStatus } from './exchange-call-costs.ts';

type CountedClients = Parameters<typeof countCalls>[0];

export interface RequestReplyFigures {
  readonly roundTrips: number;
  /** AWS calls per round trip by command, of the caller's RPC request alone. */
  readonly callerCalls: Record<string, number>;
  /** The same for the responder: its receive of the request and its reply. */
  readonly responderCalls: Record<string, number>;
  /** Round-trip latency in ms: the RPC call, and its peer, a publish to a queue then a receive of it. */
  readonly rpcMs: Latency;
  readonly publishReceiveMs: Latency;
}

export interface Latency {
  readonly p50: number;
  readonly p99: number;
}

/** Whose request an AWS call serves: caller and responder share the in-process handler's clients. */
const party = new AsyncLocalStorage<'caller' | 'responder'>();

/**
 * `roundTrips` sequential RPCs through a direct exchange, each answered by a responder that
 * receives the request through the API and replies; then as many publish-then-receive round trips
 * on a queue, the peer measured in the same run. Calls are attributed to caller or responder by
 * the async context they are made in, so each side's cost is counted although both run at once.
 */
export async function requestReplyFigures(api: ApiClient, clients: CountedClients, roundTrips: number): Promise<RequestReplyFigures> {
  const caller = countCalls(clients, { when: () => party.getStore() === 'caller', name: 'postroomBenchRpcCaller' });
  const responder = countCalls(clients, { when: () => party.getStore() === 'responder', name: 'postroomBenchRpcResponder' });
  const roundTrip = await rpcRoundTrip(api, 'bench-rpc', 'bench-rpc-responders');
  await roundTrip(); // warms the declaration cache and the reply-queue URL
  caller.reset();
  responder.reset();
  const rpcMs: number[] = [];
  for (let i = 0; i < roundTrips; i++) rpcMs.push(await roundTrip());

  const peer = 'bench-rpc-peer';
  await expectStatus(api.put(`/v1/queues/${peer}`), 201);
  const publishReceiveMs: number[] = [];
  for (let i = 0; i < roundTrips; i++) {
    const started = performance.now();
    await expectStatus(api.post(`/v1/queues/${peer}/messages`, { body: { ping: true } }), 202);
    await expectStatus(api.post(`/v1/queues/${peer}/receive`, { waitSeconds: 20, ack: 'auto' }), 200);
    publishReceiveMs.push(performance.now() - started);
  }

  const perRoundTrip = (counts: Map<string, number>) => Object.fromEntries([...counts].map(([command, n]) => [command, n / roundTrips]));
  return {
    roundTrips,
    callerCalls: perRoundTrip(caller.counts),
    responderCalls: perRoundTrip(responder.counts),
    rpcMs: latency(rpcMs),
    publishReceiveMs: latency(publishReceiveMs),
  };
}

/**
 * Declares a direct exchange `exchange` routing key `work` to queue `queue`, and returns one RPC
 * round trip through it: the caller's request (in the 'caller' context) answered by a responder
 * that receives it through the API and replies (in the 'responder' context), resolving to the
 * round trip's latency in ms.
 */
export async function rpcRoundTrip(api: ApiClient, exchange: string, queue: string): Promise<() => Promise<number>> {
  await expectStatus(api.put(`/v1/exchanges/${exchange}`, { type: 'direct' }), 201);
  await expectStatus(api.put(`/v1/queues/${queue}`), 201);
  await expectStatus(api.post('/v1/bindings', { exchange, queue, bindingKey: 'work' }), 201);
  await expectStatus(api.post(`/v1/exchanges/${exchange}/test-route`, {}), 200); // warms the topology cache
  return async () => {
    const started = performance.now();
    const call = party.run('caller', () => api.post(`/v1/exchanges/${exchange}/rpc`, { routingKey: 'work', body: { ping: true } }));
    await party.run('responder', async () => {
      const [request] = (await expectStatus(api.post(`/v1/queues/${queue}/receive`, { waitSeconds: 20, ack: 'auto' }), 200)).messages;
      if (request === undefined) throw new Error(`no request reached ${queue}; the RPC answered ${JSON.stringify((await call).json)}`);
      await expectStatus(api.post('/v1/replies', { replyTo: request.replyTo, correlationId: request.correlationId, body: { pong: true } }), 202);
    });
    await expectStatus(call, 200);
    return performance.now() - started;
  };
}

function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)]!;
  return { p50: at(0.5), p99: at(0.99) };
}
