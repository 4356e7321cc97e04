import type { CallCounter } from '../testing/aws-call-counter.ts';
import type { ApiClient } from '../testing/handler-harness.ts';

export interface FanOutCost {
  readonly width: number;
  readonly perRequest: number;
  readonly messages: number;
  /** Calls that deliver: SNS PublishBatch/Publish, SQS sends. */
  readonly deliveryCalls: number;
  /** Reads of the topology version item: time-driven (at most one a second per container), not per message. */
  readonly versionChecks: number;
  /** Any other DynamoDB read: a topology reload, which a warm cache must not need. */
  readonly otherReads: number;
  readonly seconds: number;
}

const VERSION_CHECK = 'GetItemCommand';
const DYNAMO_READS = new Set(['QueryCommand', 'ScanCommand', 'BatchGetItemCommand']);

/**
 * AWS calls per message published through a fanout exchange bound to `width` queues, `perRequest`
 * messages to a request, counted once the topology cache is warm.
 */
export async function fanOutCost(api: ApiClient, counter: CallCounter, width: number, perRequest: number, messages: number): Promise<FanOutCost> {
  const exchange = `bench-fanout-${width}-${perRequest}`;
  await expectStatus(api.put(`/v1/exchanges/${exchange}`, { type: 'fanout' }), 201);
  for (let i = 0; i < width; i++) {
    const queue = `${exchange}-q${i}`;
    await expectStatus(api.put(`/v1/queues/${queue}`), 201);
    await expectStatus(api.post('/v1/bindings', { exchange, queue }), 201);
  }
  await expectStatus(api.post(`/v1/exchanges/${exchange}/test-route`, {}), 200); // warms the topology cache

  counter.reset();
  const started = performance.now();
  for (let sent = 0; sent < messages; sent += perRequest) {
    const batch = Array.from({ length: perRequest }, (_, i) => ({ body: { i: sent + i } }));
    const response = await api.post(`/v1/exchanges/${exchange}/messages`, perRequest === 1 ? batch[0] : { messages: batch });
    if (response.status !== 202 || response.json.results.some((r: { routedTo: number }) => r.routedTo !== width)) {
      throw new Error(`publish through ${exchange} answered ${response.status}: ${JSON.stringify(response.json)}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const count = (test: (command: string) => boolean) => [...counter.counts].filter(([command]) => test(command)).reduce((sum, [, n]) => sum + n, 0);
  const versionChecks = count((command) => command === VERSION_CHECK);
  const otherReads = count((command) => DYNAMO_READS.has(command));
  return { width, perRequest, messages, deliveryCalls: counter.total() - versionChecks - otherReads, versionChecks, otherReads, seconds };
}

/** The response's JSON body, once its status is the one expected. */
export async function expectStatus(response: Promise<{ status: number; json: any }>, status: number): Promise<any> {
  const { status: actual, json } = await response;
  if (actual !== status) throw new Error(`expected ${status}, got ${actual}: ${JSON.stringify(json)}`);
  return json;
}
