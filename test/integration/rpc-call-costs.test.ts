import { beforeAll, describe, expect, it, vi } from 'vitest';
import { countCalls, type CallCounter } from '../../testing/aws-call-counter.ts';
import { exchangeFixtures } from '../support/exchange-fixtures.ts';
import { createApiClient, type ApiClient } from '../../testing/handler-harness.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

/** A warm container of the API function with its own AWS clients, every call of theirs counted. */
interface CountedContainer {
  readonly api: ApiClient;
  readonly counter: CallCounter;
}

let caller: CountedContainer;
let responder: CountedContainer;
let fixtures: ReturnType<typeof exchangeFixtures>;

async function container(): Promise<CountedContainer> {
  vi.resetModules();
  const { handler } = await import('../../functions/api/handler.ts');
  // The handler imports its composition root on the first request; import it now, while this
  // container's modules are the registry's, or it would get the next container's AWS clients.
  await (await import('../../functions/api/services-loader.ts')).loadServices();
  const { sqs, sns, dynamodb } = await import('../../functions/adapters/aws-clients.ts');
  return { api: createApiClient(handler), counter: countCalls([sqs, sns, dynamodb]) };
}

beforeAll(async () => {
  const queueApi: QueueApi = await startQueueApi();
  fixtures = exchangeFixtures(queueApi);
  // Caller and responder in two containers, as in production, so each side's calls are its own.
  caller = await container();
  responder = await container();
});

/** One round trip: the caller's RPC, answered by the responder's receive and reply. */
async function roundTrip(exchange: string, queue: string): Promise<void> {
  const call = caller.api.post(`/v1/exchanges/${exchange}/rpc`, { routingKey: 'work', body: 'ping' });
  const received = await responder.api.post(`/v1/queues/${queue}/receive`, { waitSeconds: 5, ack: 'auto' });
  const [request] = received.json.messages;
  const replied = await responder.api.post('/v1/replies', { replyTo: request.replyTo, correlationId: request.correlationId, body: 'pong' });
  expect(replied.status, JSON.stringify(replied.json)).toBe(202);
  expect((await call).json.body).toBe('pong');
}

const counted = ({ counter }: CountedContainer) => Object.fromEntries(counter.counts);

describe('AWS calls of a request-reply round trip', () => {
  it('costs the caller CreateQueue, one send to the one queue the request reaches, one ReceiveMessage and DeleteQueue once warm, and the reply one send', async () => {
    const exchange = await fixtures.exchange('direct');
    const queue = await fixtures.queue('responders');
    await fixtures.bind({ exchange, queue, bindingKey: 'work' });
    await roundTrip(exchange, queue); // warms both containers: topology cache, declaration cache, reply-queue URLs

    caller.counter.reset();
    responder.counter.reset();
    await roundTrip(exchange, queue);
    const { GetItemCommand: versionChecks = 0, ...callerCalls } = counted(caller);

    // One queue: a direct send is cheaper than a publish to its shard (core/fan-out-shards.ts, cheaperDirect).
    expect(callerCalls).toEqual({ CreateQueueCommand: 1, SendMessageBatchCommand: 1, ReceiveMessageCommand: 1, DeleteQueueCommand: 1 });
    // The topology version is checked at most once a second per container, not per call.
    expect(versionChecks).toBeLessThanOrEqual(1);
    expect(counted(responder)).toMatchObject({ SendMessageBatchCommand: 1 });
    expect(responder.counter.counts.has('GetQueueUrlCommand')).toBe(false);
  });

  it('asks SQS for a reply queue URL only in a container that has seen none', async () => {
    const exchange = await fixtures.exchange('direct');
    const queue = await fixtures.queue('responders');
    await fixtures.bind({ exchange, queue, bindingKey: 'work' });
    responder = await container();

    await roundTrip(exchange, queue);
    await roundTrip(exchange, queue);

    expect(responder.counter.counts.get('GetQueueUrlCommand')).toBe(1);
    expect(responder.counter.counts.get('SendMessageBatchCommand')).toBe(2);
  });
});
