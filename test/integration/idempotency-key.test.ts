import { beforeAll, describe, expect, it } from 'vitest';
import { ApiEnvironment } from '../../functions/api/environment.ts';
import { idempotencyCosts } from '../../bench/idempotency-costs.ts';
import { countCalls, type CallCounter } from '../../testing/aws-call-counter.ts';
import { failCalls } from '../support/aws-fault-injection.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';
import { declareStream, readAll } from '../support/stream-api.ts';

let queueApi: QueueApi;
let clients: typeof import('../../functions/adapters/aws-clients.ts');
let counter: CallCounter;

beforeAll(async () => {
  queueApi = await startQueueApi();
  clients = await import('../../functions/adapters/aws-clients.ts');
  counter = countCalls([clients.sqs, clients.dynamodb]);
});

const withKey = (key: string) => ({ 'idempotency-key': key });

async function declaredQueue(label: string): Promise<string> {
  const name = queueApi.uniqueName(label);
  expect((await queueApi.api.put(`/v1/queues/${name}`)).status).toBe(201);
  return name;
}

const publish = (queue: string, json: unknown, headers: Record<string, string>) => queueApi.api.call({ method: 'POST', path: `/v1/queues/${queue}/messages`, json, headers });

/** Every message the queue holds (a queue in these tests never has more than 10). */
async function drain(queue: string): Promise<unknown[]> {
  const { json } = await queueApi.api.post(`/v1/queues/${queue}/receive`, { maxMessages: 10, waitSeconds: 1 });
  return json.messages.map((m: { body: unknown }) => m.body);
}

describe('Idempotency-Key on publish', () => {
  it('answers a repeat with the original status and body, and the queue holds one message', async () => {
    const queue = await declaredQueue('idem');

    const first = await publish(queue, { body: 'once' }, withKey('k1'));
    const repeat = await publish(queue, { body: 'once' }, withKey('k1'));

    expect(first.status).toBe(202);
    expect({ status: repeat.status, json: repeat.json }).toEqual({ status: first.status, json: first.json });
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(await drain(queue)).toEqual(['once']);
  });

  it('is a 422 idempotency_key_reused for the same key with another body, which publishes nothing', async () => {
    const queue = await declaredQueue('idem');
    await publish(queue, { body: 'first' }, withKey('k1'));

    const reused = await publish(queue, { body: 'second' }, withKey('k1'));

    expect(reused.status).toBe(422);
    expect(reused.json).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await drain(queue)).toEqual(['first']);
  });

  it('keeps one key on two queues independent', async () => {
    const [a, b] = [await declaredQueue('idem-a'), await declaredQueue('idem-b')];

    expect((await publish(a, { body: 'x' }, withKey('shared'))).status).toBe(202);
    const other = await publish(b, { body: 'x' }, withKey('shared'));

    expect(other.status).toBe(202);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(await drain(b)).toEqual(['x']);
  });

  it('is a 409 request_in_progress with Retry-After while the first request is in flight', async () => {
    const queue = await declaredQueue('idem');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let sending!: () => void;
    const reachedSqs = new Promise<void>((resolve) => (sending = resolve));
    // Holds this test's send to SQS (its body is the marker) until the concurrent request has been answered.
    const marker = `slow-${queue}`;
    const name = `hold${marker.replace(/\W/g, '')}`;
    clients.sqs.middlewareStack.add(
      (next) => async (args: any) => {
        if (JSON.stringify(args.input).includes(marker)) {
          sending();
          await held;
        }
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      const first = publish(queue, { body: marker }, withKey('k1'));
      await reachedSqs;

      const concurrent = await publish(queue, { body: marker }, withKey('k1'));
      release();

      expect(concurrent.status).toBe(409);
      expect(concurrent.json).toMatchObject({ code: 'request_in_progress' });
      expect(Number(concurrent.headers['retry-after'])).toBeGreaterThan(0);
      expect((await first).status).toBe(202);
    } finally {
      release();
      clients.sqs.middlewareStack.remove(name);
    }
    expect((await publish(queue, { body: marker }, withKey('k1'))).headers['idempotent-replayed']).toBe('true');
    expect(await drain(queue)).toEqual([marker]);
  });

  it('lets a request that failed be retried with its key: only 2xx responses are remembered', async () => {
    const queue = queueApi.uniqueName('idem-later');

    expect((await publish(queue, { body: 'x' }, withKey('k1'))).status).toBe(404);
    await queueApi.api.put(`/v1/queues/${queue}`);
    const retried = await publish(queue, { body: 'x' }, withKey('k1'));

    expect(retried.status).toBe(202);
    expect(await drain(queue)).toEqual(['x']);
  });

  it('is a 400 for a malformed key, and writes nothing', async () => {
    const queue = await declaredQueue('idem');
    counter.reset();

    const response = await publish(queue, { body: 'x' }, withKey('a'.repeat(256)));

    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ code: 'invalid_idempotency_key' });
    expect(Object.fromEntries(counter.counts)).toEqual({});
    expect(await drain(queue)).toEqual([]);
  });

  it('is a 503 idempotency_store_unavailable when the store fails, and publishes nothing; a retry then succeeds', async () => {
    const queue = await declaredQueue('idem');
    const heal = failCalls(clients.dynamodb, 'PutItemCommand', process.env[ApiEnvironment.idempotencyTable]!);
    let failed;
    try {
      failed = await publish(queue, { body: 'x' }, withKey('k1'));
    } finally {
      heal();
    }

    expect(failed.status).toBe(503);
    expect(failed.json).toMatchObject({ code: 'idempotency_store_unavailable' });
    expect(await drain(queue)).toEqual([]);
    expect((await publish(queue, { body: 'x' }, withKey('k1'))).status).toBe(202);
  });
});

describe('Idempotency-Key on other creating routes', () => {
  it('appends a repeated stream produce once', async () => {
    const stream = queueApi.uniqueName('idem-stream');
    await declareStream(queueApi.api, stream, { partitions: 1 });
    const produce = () => queueApi.api.call({ method: 'POST', path: `/v1/streams/${stream}/records`, json: { records: [{ value: 'v' }] }, headers: withKey('p1') });

    const first = await produce();
    const repeat = await produce();

    expect(first.status).toBe(200);
    expect(repeat.json).toEqual(first.json);
    expect(await readAll(queueApi.api, stream, 0)).toHaveLength(1);
  });

  it('honours the key on exchange publishes too', async () => {
    const exchange = queueApi.uniqueName('idem-ex');
    await queueApi.api.put(`/v1/exchanges/${exchange}`, { type: 'fanout' });
    const publishToExchange = () => queueApi.api.call({ method: 'POST', path: `/v1/exchanges/${exchange}/messages`, json: { body: 'x' }, headers: withKey('e1') });

    const first = await publishToExchange();
    const repeat = await publishToExchange();

    expect(first.status).toBe(202);
    expect({ status: repeat.status, json: repeat.json, replayed: repeat.headers['idempotent-replayed'] }).toEqual({ status: 202, json: first.json, replayed: 'true' });
  });
});

describe('DynamoDB calls of the idempotency layer', () => {
  it('adds a conditional PutItem and an UpdateItem to the first request, and replays with that PutItem alone', async () => {
    const [withoutKey, first, replay] = await idempotencyCosts(queueApi.api, counter);

    expect(withoutKey).toMatchObject({ status: 202, byCommand: { SendMessageBatchCommand: 1 } });
    expect(first).toMatchObject({ status: 202, byCommand: { ...withoutKey!.byCommand, PutItemCommand: 1, UpdateItemCommand: 1 } });
    expect(Object.keys(first!.byCommand)).toHaveLength(3);
    expect(replay).toMatchObject({ status: 202, byCommand: { PutItemCommand: 1 } });
    expect(Object.keys(replay!.byCommand)).toHaveLength(1);
  });
});
