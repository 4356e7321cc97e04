import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { withIdempotencyKeys } from '../../../functions/api/idempotency-keys.ts';
import { idempotencyStore } from '../../../functions/api/idempotency-store.ts';
import type { JsonApiEvent } from '../../../functions/api/middleware/json-body.ts';
import { idempotentRouteKeys } from '../../../functions/api/route-table.ts';
import { apiGatewayEvent, lambdaContext } from '../../../testing/handler-harness.ts';

type Call = { command: string; input: any };

/** A DynamoDB client that never reaches the network: `answer` plays the table. */
function fakeDynamoDB(answer: (call: Call) => unknown = () => ({})) {
  const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const calls: Call[] = [];
  client.middlewareStack.add(
    (_next, context) => async (args: any) => {
      const call = { command: context.commandName!, input: args.input };
      calls.push(call);
      return { output: answer(call) as any, response: {} };
    },
    { step: 'initialize', name: 'fakeTable' },
  );
  return { client, calls };
}

function setUp(answer?: (call: Call) => unknown, response: APIGatewayProxyStructuredResultV2 = { statusCode: 202, body: '{"messageIds":["m1"]}' }) {
  const { client, calls } = fakeDynamoDB(answer);
  const store = idempotencyStore(new DynamoDBPersistenceLayer({ tableName: 'idempotency', awsSdkV3Client: client }), 86_400);
  const dispatch = vi.fn(async (_event: JsonApiEvent) => response);
  const handler = withIdempotencyKeys(dispatch, idempotentRouteKeys, () => store);
  const publish = (key?: string, queue = 'orders', body: unknown = { messages: [{ body: 'hi' }] }) => {
    const event: JsonApiEvent = apiGatewayEvent({ method: 'POST', path: `/v1/queues/${queue}/messages`, json: body, headers: key === undefined ? {} : { 'idempotency-key': key } });
    event.parsedBody = body;
    return handler(event, lambdaContext());
  };
  return { calls, dispatch, publish };
}

/** The record a conditional put found, as DynamoDB returns it with ReturnValuesOnConditionCheckFailure ALL_OLD. */
function existing(item: Record<string, unknown>): never {
  throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, Item: marshall(item) });
}

describe('withIdempotencyKeys', () => {
  it('runs the request as is without an Idempotency-Key, or on a route that creates nothing', async () => {
    const { calls, dispatch, publish } = setUp();

    await publish();

    expect(dispatch).toHaveBeenCalledOnce();
    expect(calls).toEqual([]);
  });

  it('locks with one conditional put and stores the response with one update: 2 writes, no read', async () => {
    const { calls, publish } = setUp();

    expect(await publish('k1')).toMatchObject({ statusCode: 202 });

    expect(calls.map((c) => c.command)).toEqual(['PutItemCommand', 'UpdateItemCommand']);
    expect(calls[0]!.input).toMatchObject({ ConditionExpression: expect.stringContaining('attribute_not_exists'), ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    expect(calls[1]!.input.ExpressionAttributeValues[':response_data'].M).toMatchObject({ statusCode: { N: '202' } });
  });

  it('writes the record expiry in epoch SECONDS, about now + the window', async () => {
    const { calls, publish } = setUp();
    const now = Date.now();

    await publish('k1');

    const expiration = Number(calls[0]!.input.Item.expiration.N);
    expect(expiration).toBeGreaterThanOrEqual(Math.floor(now / 1000) + 86_400 - 1);
    expect(expiration).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 86_400 + 1);
    expect(Number(calls[1]!.input.ExpressionAttributeValues[':expiry'].N)).toBeCloseTo(expiration, -1);
  });

  it("writes the in-progress expiry in epoch MILLISECONDS, about now + the Lambda's remaining time", async () => {
    const { calls, publish } = setUp();
    const now = Date.now();

    await publish('k1');

    // lambdaContext() has 30 s left.
    const inProgressExpiry = Number(calls[0]!.input.Item.in_progress_expiration.N);
    expect(inProgressExpiry).toBeGreaterThanOrEqual(now + 30_000);
    expect(inProgressExpiry).toBeLessThanOrEqual(Date.now() + 30_000);
  });

  it('scopes the record to the resource: one key on two queues names two records', async () => {
    const { calls, publish } = setUp();

    await publish('k1', 'a');
    await publish('k1', 'b');

    const ids = calls.filter((c) => c.command === 'PutItemCommand').map((c) => c.input.Item.id.S);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('deletes the lock and stores nothing when the response is not a 2xx, and answers it unchanged', async () => {
    const { calls, publish } = setUp(undefined, { statusCode: 404, body: '{}' });

    expect(await publish('k1')).toEqual({ statusCode: 404, body: '{}' });

    expect(calls.map((c) => c.command)).toEqual(['PutItemCommand', 'DeleteItemCommand']);
  });

  it('replays the stored response from the failed conditional put alone, marked as replayed', async () => {
    let record: Record<string, unknown> | undefined;
    const first = setUp(({ command, input }) => {
      if (command === 'PutItemCommand') record = { id: input.Item.id.S, status: 'INPROGRESS', expiration: Number(input.Item.expiration.N), validation: input.Item.validation.S };
      if (command === 'UpdateItemCommand') record = { ...record, status: 'COMPLETED', data: { statusCode: 202, body: '{"messageIds":["m1"]}' } };
      return {};
    });
    await first.publish('k1');
    const replay = setUp(() => existing(record!));

    const response = await replay.publish('k1');

    expect(response).toEqual({ statusCode: 202, body: '{"messageIds":["m1"]}', headers: { 'idempotent-replayed': 'true' } });
    expect(replay.dispatch).not.toHaveBeenCalled();
    expect(replay.calls.map((c) => c.command)).toEqual(['PutItemCommand']);
  });

  it('is a 422 idempotency_key_reused when the stored request had another body', async () => {
    const { dispatch, publish } = setUp(() =>
      existing({ id: 'x', status: 'COMPLETED', expiration: Date.now() / 1000 + 60, validation: 'another hash', data: { statusCode: 202 } }),
    );

    await expect(publish('k1')).rejects.toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('is a 409 request_in_progress with Retry-After while the first request holds the lock', async () => {
    const { dispatch, publish } = setUp(({ input }) =>
      existing({ id: 'x', status: 'INPROGRESS', expiration: Date.now() / 1000 + 60, in_progress_expiration: Date.now() + 30_000, validation: input.Item.validation.S }),
    );

    await expect(publish('k1')).rejects.toMatchObject({ status: 409, code: 'request_in_progress', headers: { 'retry-after': '1' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('is a 503 idempotency_store_unavailable, without running the request, when the lock cannot be written', async () => {
    const { dispatch, publish } = setUp(() => {
      throw new Error('connection reset');
    });

    await expect(publish('k1')).rejects.toMatchObject({ status: 503, code: 'idempotency_store_unavailable' });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('answers the real response when the request succeeded but storing it failed, rather than inviting a retry', async () => {
    const { publish } = setUp(({ command }) => {
      if (command === 'UpdateItemCommand') throw new Error('connection reset');
      return {};
    });

    expect(await publish('k1')).toMatchObject({ statusCode: 202 });
  });

  it('is a 400 invalid_idempotency_key, with nothing written, for a malformed key', async () => {
    const { calls, dispatch, publish } = setUp();

    await expect(publish('has space')).rejects.toMatchObject({ status: 400, code: 'invalid_idempotency_key' });
    expect(calls).toEqual([]);
    expect(dispatch).not.toHaveBeenCalled();
  });
});
