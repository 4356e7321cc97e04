import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SagaEndError, SagaEndState, sagaStateMachineName, sagaTaskStateName, type SagaTaskMessage } from '../../functions/core/sagas/saga-contract.ts';
import { SqsQueueNaming } from '../../functions/core/sqs-queue-names.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';
import { ownClientConfig } from '../../testing/api-function.ts';

// The saga routes on the in-process handler against moto, with a two-step saga written here in the
// contract's names (the Saga construct builds the same shape): `reserve` (compensated by
// `reserve compensation`) then `charge`. The test is the HTTP worker: it receives each step's
// message from the step's Postroom queue and answers through /v1/tasks/*.

let queueApi: QueueApi;
let sfn: SFNClient;
let sqs: SQSClient;
let saga: string;
const stepQueues: Record<string, string> = {};

beforeAll(async () => {
  queueApi = await startQueueApi();
  sfn = new SFNClient(ownClientConfig);
  sqs = new SQSClient(ownClientConfig);
  saga = `shop${queueApi.uniqueName('x').replace(/\W/g, '')}`;
  for (const step of ['reserve', 'charge']) {
    stepQueues[step] = `${saga}.${step}`;
    expect((await queueApi.api.put(`/v1/queues/${stepQueues[step]}`)).status).toBe(201);
  }
  const queueUrl = async (name: string) =>
    (await sqs.send(new GetQueueUrlCommand({ QueueName: new SqsQueueNaming(queueApi.prefix).namesFor(name).queue }))).QueueUrl!;
  const definition = await sagaDefinition(saga, { reserve: await queueUrl(stepQueues.reserve!), charge: await queueUrl(stepQueues.charge!) });
  await sfn.send(
    new CreateStateMachineCommand({
      name: sagaStateMachineName(queueApi.prefix, saga),
      definition: JSON.stringify(definition),
      roleArn: 'arn:aws:iam::123456789012:role/saga',
    }),
  );
});

afterAll(() => {
  sfn?.destroy();
  sqs?.destroy();
});

/** A waitForTaskToken task sending the step's message in a Postroom envelope, as the construct does. */
function queueTask(sagaName: string, step: string, phase: 'action' | 'compensation', queueUrl: string, next: object) {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
    Parameters: {
      QueueUrl: queueUrl,
      MessageBody: {
        v: 1,
        'id.$': 'States.UUID()',
        'publishedAt.$': '$$.State.EnteredTime',
        headers: {},
        body: { 'taskToken.$': '$$.Task.Token', saga: sagaName, 'executionId.$': '$$.Execution.Name', step, phase, 'input.$': '$.input', 'results.$': '$.results' },
      },
    },
    TimeoutSeconds: 30,
    ...next,
  };
}

async function sagaDefinition(sagaName: string, queueUrls: { reserve: string; charge: string }) {
  const catchInto = (next: string, resultPath = '$.error') => ({ Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: resultPath, Next: next }] });
  return {
    StartAt: 'Start',
    States: {
      Start: { Type: 'Pass', Result: {}, ResultPath: '$.results', Next: sagaTaskStateName('reserve', 'action') },
      [sagaTaskStateName('reserve', 'action')]: queueTask(sagaName, 'reserve', 'action', queueUrls.reserve, {
        ResultPath: '$.results.reserve',
        Next: sagaTaskStateName('charge', 'action'),
        ...catchInto(SagaEndState.compensated),
      }),
      [sagaTaskStateName('charge', 'action')]: queueTask(sagaName, 'charge', 'action', queueUrls.charge, {
        ResultPath: '$.results.charge',
        Next: SagaEndState.completed,
        // One retry, so that the timeline's attempt count shows.
        Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 1, IntervalSeconds: 1 }],
        ...catchInto(sagaTaskStateName('reserve', 'compensation')),
      }),
      [sagaTaskStateName('reserve', 'compensation')]: queueTask(sagaName, 'reserve', 'compensation', queueUrls.reserve, {
        ResultPath: null,
        Next: SagaEndState.compensated,
        ...catchInto(SagaEndState.compensationFailed, '$.compensationError'),
      }),
      [SagaEndState.completed]: { Type: 'Succeed' },
      [SagaEndState.compensated]: { Type: 'Fail', Error: SagaEndError.compensated, Cause: 'compensated' },
      [SagaEndState.compensationFailed]: { Type: 'Fail', Error: SagaEndError.compensationFailed, Cause: 'compensation failed' },
    },
  };
}

const base = () => `/v1/sagas/${saga}/executions`;
let executionCounter = 0;
const newExecutionId = () => `it-${Date.now()}-${++executionCounter}`;

/** The next task message of `step`'s queue for `executionId` (others' messages are put back). */
async function nextTask(step: string, executionId: string): Promise<SagaTaskMessage> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const { json } = await queueApi.api.post(`/v1/queues/${stepQueues[step]}/receive`, { maxMessages: 10, waitSeconds: 1 });
    for (const message of json.messages as Array<{ body: SagaTaskMessage; receipt: string }>) {
      const mine = message.body.executionId === executionId;
      // Another execution's task goes straight back (tests run one execution at a time, so this is rare).
      await queueApi.api.post(`/v1/queues/${stepQueues[step]}/${mine ? 'ack' : 'nack'}`, { receipts: [message.receipt], ...(!mine && { delaySeconds: 0 }) });
      if (mine) return message.body;
    }
  }
  throw new Error(`no ${step} task for ${executionId} within 20 s`);
}

async function succeed(task: SagaTaskMessage, output: unknown) {
  expect(await queueApi.api.post('/v1/tasks/success', { taskToken: task.taskToken, output })).toMatchObject({ status: 204 });
}

async function fail(task: SagaTaskMessage, error: string, cause: string) {
  expect(await queueApi.api.post('/v1/tasks/failure', { taskToken: task.taskToken, error, cause })).toMatchObject({ status: 204 });
}

/** The execution once it has ended. */
async function ended(executionId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await queueApi.api.get(`${base()}/${executionId}`);
    if (response.json.status !== 'RUNNING' || Date.now() > deadline) return response;
    await sleep(200);
  }
}

const timelineOf = (steps: Array<{ step: string; phase: string; status: string }>) => steps.map(({ step, phase, status }) => `${step} ${phase} ${status}`);

describe('saga executions over HTTP', () => {
  it('runs the happy path: 202, each worker gets its task with the input and earlier results, COMPLETED with its timeline', async () => {
    const executionId = newExecutionId();

    const started = await queueApi.api.post(base(), { input: { orderId: 'o-1' }, executionId });
    const reserve = await nextTask('reserve', executionId);
    await succeed(reserve, { reservationId: 'r-1' });
    const charge = await nextTask('charge', executionId);
    await succeed(charge, { chargeId: 'c-1' });
    const { status, json } = await ended(executionId);

    expect(started).toMatchObject({ status: 202, json: { executionId } });
    expect(reserve).toMatchObject({ saga, executionId, step: 'reserve', phase: 'action', input: { orderId: 'o-1' } });
    expect(charge).toMatchObject({ step: 'charge', phase: 'action', results: { reserve: { reservationId: 'r-1' } } });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      executionId,
      saga,
      status: 'COMPLETED',
      input: { orderId: 'o-1' },
      output: { input: { orderId: 'o-1' }, results: { reserve: { reservationId: 'r-1' }, charge: { chargeId: 'c-1' } } },
    });
    expect(json.endedAt >= json.startedAt).toBe(true);
    expect(json.steps).toEqual([
      { step: 'reserve', phase: 'action', status: 'succeeded', startedAt: expect.any(String), endedAt: expect.any(String), attempts: 1 },
      { step: 'charge', phase: 'action', status: 'succeeded', startedAt: expect.any(String), endedAt: expect.any(String), attempts: 1 },
    ]);
  });

  it('compensates the completed step after the failing one kept failing: COMPENSATED, errors in the timeline', async () => {
    const executionId = newExecutionId();

    await queueApi.api.post(base(), { input: { orderId: 'o-2' }, executionId });
    await succeed(await nextTask('reserve', executionId), { reservationId: 'r-2' });
    await fail(await nextTask('charge', executionId), 'CardDeclined', 'first try');
    await fail(await nextTask('charge', executionId), 'CardDeclined', 'second try');
    const compensation = await nextTask('reserve', executionId);
    await succeed(compensation, { released: true });
    const { json } = await ended(executionId);

    expect(compensation).toMatchObject({ step: 'reserve', phase: 'compensation', results: { reserve: { reservationId: 'r-2' } } });
    expect(json).toMatchObject({ status: 'COMPENSATED', error: SagaEndError.compensated });
    expect(timelineOf(json.steps)).toEqual(['reserve action succeeded', 'charge action failed', 'reserve compensation succeeded']);
    expect(json.steps[1]).toMatchObject({ error: 'CardDeclined', attempts: 2 });
  });

  it('compensates nothing when the first step fails', async () => {
    const executionId = newExecutionId();

    await queueApi.api.post(base(), { input: null, executionId });
    await fail(await nextTask('reserve', executionId), 'OutOfStock', 'none left');
    const { json } = await ended(executionId);

    expect(json.status).toBe('COMPENSATED');
    expect(timelineOf(json.steps)).toEqual(['reserve action failed']);
  });

  it('ends COMPENSATION_FAILED when the compensation fails', async () => {
    const executionId = newExecutionId();

    await queueApi.api.post(base(), { input: { orderId: 'o-3' }, executionId });
    await succeed(await nextTask('reserve', executionId), {});
    await fail(await nextTask('charge', executionId), 'CardDeclined', '1');
    await fail(await nextTask('charge', executionId), 'CardDeclined', '2');
    await fail(await nextTask('reserve', executionId), 'WarehouseDown', 'cannot release');
    const { json } = await ended(executionId);

    expect(json).toMatchObject({ status: 'COMPENSATION_FAILED', error: SagaEndError.compensationFailed });
    expect(json.steps.at(-1)).toMatchObject({ step: 'reserve', phase: 'compensation', status: 'failed', error: 'WarehouseDown' });
  });

  it('is idempotent on executionId: the same input answers the same 202 (in any trace), another input 409', async () => {
    const executionId = newExecutionId();
    const first = await queueApi.api.post(base(), { input: { a: 1, b: [2] }, executionId });

    const again = await queueApi.api.post(base(), { input: { b: [2], a: 1 }, executionId });
    // A retry in another trace is the same start: the trace goes into the document, not the input.
    const otherTrace = await queueApi.api.call({ method: 'POST', path: base(), json: { input: { a: 1, b: [2] }, executionId }, headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } });
    const other = await queueApi.api.post(base(), { input: { a: 2 }, executionId });
    // Still the same once it has ended (Step Functions itself only accepts a repeat while running).
    await fail(await nextTask('reserve', executionId), 'Stop', 'end it');
    await ended(executionId);
    const afterEnd = await queueApi.api.post(base(), { input: { a: 1, b: [2] }, executionId });

    expect(first).toMatchObject({ status: 202, json: { executionId } });
    expect(again).toMatchObject({ status: 202, json: { executionId } });
    expect(otherTrace).toMatchObject({ status: 202, json: { executionId } });
    expect(other).toMatchObject({ status: 409, json: { code: 'execution_exists' } });
    expect(afterEnd).toMatchObject({ status: 202, json: { executionId } });
  });

  it('gives an execution a UUID when no executionId is sent', async () => {
    const { status, json } = await queueApi.api.post(base(), { input: 1 });
    await fail(await nextTask('reserve', json.executionId), 'Stop', 'end it');

    expect(status).toBe(202);
    expect(json.executionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('honours an Idempotency-Key: a repeated start without executionId replays the first 202', async () => {
    const start = () => queueApi.api.call({ method: 'POST', path: base(), json: { input: 'k' }, headers: { 'idempotency-key': `saga-${newExecutionId()}` } });
    const key = `saga-${newExecutionId()}`;
    const startWithKey = () => queueApi.api.call({ method: 'POST', path: base(), json: { input: 'k' }, headers: { 'idempotency-key': key } });

    const first = await startWithKey();
    const repeat = await startWithKey();
    await fail(await nextTask('reserve', first.json.executionId), 'Stop', 'end it');
    const otherKey = await start();
    await fail(await nextTask('reserve', otherKey.json.executionId), 'Stop', 'end it');

    expect(first.status).toBe(202);
    expect({ status: repeat.status, json: repeat.json, replayed: repeat.headers['idempotent-replayed'] }).toEqual({ status: 202, json: first.json, replayed: 'true' });
    expect(otherKey.json.executionId).not.toBe(first.json.executionId);
  });

  it('lists executions newest first, filtered by saga status', async () => {
    const completedId = newExecutionId();
    await queueApi.api.post(base(), { input: 1, executionId: completedId });
    await succeed(await nextTask('reserve', completedId), {});
    await succeed(await nextTask('charge', completedId), {});
    await ended(completedId);
    const compensatedId = newExecutionId();
    await queueApi.api.post(base(), { input: 2, executionId: compensatedId });
    await fail(await nextTask('reserve', compensatedId), 'No', 'no');
    await ended(compensatedId);

    const completed = await queueApi.api.get(`${base()}?status=COMPLETED&max=100`);
    const compensated = await queueApi.api.get(`${base()}?status=COMPENSATED&max=100`);
    const all = await queueApi.api.get(`${base()}?max=100`);

    const ids = (response: { json: { executions: Array<{ executionId: string }> } }) => response.json.executions.map((e) => e.executionId);
    expect(completed.status).toBe(200);
    expect(ids(completed)).toContain(completedId);
    expect(ids(completed)).not.toContain(compensatedId);
    expect(completed.json.executions.every((e: { status: string }) => e.status === 'COMPLETED')).toBe(true);
    expect(ids(compensated)).toContain(compensatedId);
    expect(ids(compensated)).not.toContain(completedId);
    expect(compensated.json.executions.every((e: { status: string }) => e.status === 'COMPENSATED')).toBe(true);
    expect(ids(all).indexOf(compensatedId)).toBeLessThan(ids(all).indexOf(completedId));
    expect(all.json.executions.find((e: { executionId: string }) => e.executionId === completedId)).toEqual({
      executionId: completedId,
      status: 'COMPLETED',
      startedAt: expect.any(String),
      endedAt: expect.any(String),
    });
  });

  it('pages the list with max and nextToken', async () => {
    const first = await queueApi.api.get(`${base()}?max=1`);
    const second = await queueApi.api.get(`${base()}?max=1&nextToken=${encodeURIComponent(first.json.nextToken)}`);

    expect(first.json.executions).toHaveLength(1);
    expect(second.json.executions).toHaveLength(1);
    expect(second.json.executions[0].executionId).not.toBe(first.json.executions[0].executionId);
  });
});

describe('listing sagas', () => {
  it("lists the stack's sagas in name order with their creation time, and no other state machine", async () => {
    await sfn.send(new CreateStateMachineCommand({ name: `Other_${saga}`, definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }), roleArn: 'arn:aws:iam::123456789012:role/saga' }));

    const listed = await queueApi.api.get('/v1/sagas');

    // The stack's own example sagas too (see lib/examples).
    const createdAt = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);
    const names = ['order', 'trip', saga].sort();
    expect(listed).toMatchObject({ status: 200, json: { sagas: names.map((name) => ({ name, createdAt })) } });
    expect(listed.json.sagas).toHaveLength(names.length);
  });
});

describe('saga API errors', () => {
  it('answers an unknown saga with 404 saga_not_found, to a start and to a list', async () => {
    const start = await queueApi.api.post('/v1/sagas/no-such-saga/executions', { input: 1 });
    const list = await queueApi.api.get('/v1/sagas/no-such-saga/executions');

    expect(start).toMatchObject({ status: 404, headers: { 'content-type': 'application/problem+json' }, json: { code: 'saga_not_found' } });
    expect(list).toMatchObject({ status: 404, json: { code: 'saga_not_found' } });
  });

  it('answers an unknown execution with 404 execution_not_found', async () => {
    expect(await queueApi.api.get(`${base()}/never-started`)).toMatchObject({ status: 404, json: { code: 'execution_not_found' } });
  });

  it('answers a saga name or executionId that cannot exist with 400', async () => {
    expect(await queueApi.api.post('/v1/sagas/bad.name/executions', {})).toMatchObject({ status: 400, json: { code: 'invalid_saga_name' } });
    expect(await queueApi.api.post(base(), { executionId: 'has space' })).toMatchObject({
      status: 400,
      json: { code: 'invalid_request', errors: [{ path: 'executionId', message: expect.stringContaining('80') }] },
    });
    expect(await queueApi.api.get(`${base()}/${'x'.repeat(81)}`)).toMatchObject({ status: 400, json: { code: 'invalid_request' } });
  });

  it('answers an input over 256 KiB with 413 payload_too_large and starts nothing', async () => {
    const executionId = newExecutionId();

    const response = await queueApi.api.post(base(), { input: 'x'.repeat(262_144), executionId });

    expect(response).toMatchObject({ status: 413, json: { code: 'payload_too_large', limit: 262_144 } });
    expect(await queueApi.api.get(`${base()}/${executionId}`)).toMatchObject({ status: 404 });
  });

  it('answers a task output over 256 KiB with 413 payload_too_large', async () => {
    expect(await queueApi.api.post('/v1/tasks/success', { taskToken: 't', output: 'x'.repeat(262_144) })).toMatchObject({
      status: 413,
      json: { code: 'payload_too_large' },
    });
  });

  it('answers a token Step Functions never issued with 400 invalid_task_token', async () => {
    expect(await queueApi.api.post('/v1/tasks/success', { taskToken: 'not-a-token', output: {} })).toMatchObject({ status: 400, json: { code: 'invalid_task_token' } });
    expect(await queueApi.api.post('/v1/tasks/failure', { taskToken: 'not-a-token', error: 'E' })).toMatchObject({ status: 400, json: { code: 'invalid_task_token' } });
  });

  it('answers a second answer to a task with a 4xx, never a 5xx', async () => {
    const executionId = newExecutionId();
    await queueApi.api.post(base(), { input: 1, executionId });
    const task = await nextTask('reserve', executionId);
    await fail(task, 'Stop', 'end it');
    await ended(executionId);

    const late = await queueApi.api.post('/v1/tasks/success', { taskToken: task.taskToken, output: {} });

    // AWS says TaskTimedOut (410); moto forgets the token of an ended execution (400).
    expect([400, 410]).toContain(late.status);
    expect(['invalid_task_token', 'task_timed_out']).toContain(late.json.code);
  });

  it('validates the task bodies and the list query', async () => {
    expect(await queueApi.api.post('/v1/tasks/success', { output: {} })).toMatchObject({ status: 400, json: { errors: [{ path: 'taskToken' }] } });
    expect(await queueApi.api.post('/v1/tasks/failure', { taskToken: 't', error: 'e'.repeat(257) })).toMatchObject({
      status: 400,
      json: { errors: [{ path: 'error' }] },
    });
    expect(await queueApi.api.get(`${base()}?status=DONE`)).toMatchObject({ status: 400, json: { errors: [{ path: 'status' }] } });
    expect(await queueApi.api.get(`${base()}?max=0`)).toMatchObject({ status: 400, json: { errors: [{ path: 'max' }] } });
  });
});
