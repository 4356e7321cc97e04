import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import { sagaStateMachineName } from '../functions/core/sagas/saga-contract.ts';
import { MAX_READ_RECORDS } from '../functions/core/streams/limits.ts';
import { clientConfig, type LocalRuntime } from '../local/index.ts';
import type { CallCounter } from '../testing/aws-call-counter.ts';
import { createApiClient, type ApiClient, type ApiHandler } from '../testing/handler-harness.ts';
import { combine, gbSeconds, totalBilledMs, type WorkloadUsage } from './cost-model.ts';
import { expectStatus, fanOutCost } from './exchange-call-costs.ts';
import { consumeCost, publishCost } from './queue-call-costs.ts';
import { rpcRoundTrip } from './request-reply.ts';

/** The API function in-process with everything the bill needs metered: its AWS calls and its invocations. */
export interface MeteredApi {
  readonly api: ApiClient;
  /** A counter built with `usage`: its reset clears the invocations too. */
  readonly counter: CallCounter;
  readonly memoryMb: number;
}

/** An API client whose every call is an invocation of `handler`, timed into the counter's usage. */
export function meteredApi(handler: ApiHandler, counter: CallCounter, memoryMb: number): MeteredApi {
  const usage = counter.usage;
  if (!usage) throw new Error('the cost workloads need a counter that meters usage');
  const timed: ApiHandler = async (event, context) => {
    const started = performance.now();
    try {
      return await handler(event, context);
    } finally {
      usage.invocationMs.push(performance.now() - started);
    }
  };
  return { api: createApiClient(timed), counter, memoryMb };
}

/** What the counter metered since its last reset, for `messages` messages. */
export function usageSinceReset({ counter, memoryMb }: MeteredApi, messages: number, stateTransitions = 0): WorkloadUsage {
  const usage = counter.usage!;
  return {
    messages,
    apiRequests: usage.invocationMs.length,
    invocations: usage.invocationMs.length,
    billedMs: totalBilledMs(usage.invocationMs),
    gbSeconds: gbSeconds(totalBilledMs(usage.invocationMs), memoryMb),
    sqsStandardRequests: usage.sqsStandardRequests,
    sqsFifoRequests: usage.sqsFifoRequests,
    snsPublishRequests: usage.snsPublishRequests,
    snsMessages: usage.snsMessages,
    writeUnits: usage.writeUnits,
    readUnits: usage.readUnits,
    stateTransitions,
    logBytes: usage.logBytes,
  };
}

/** Publish `count` messages `perRequest` to a request, then receive and ack them `perReceive` at a time; each half's usage. */
export async function queueRoundTrip(metered: MeteredApi, count: number, perRequest: number, perReceive: number): Promise<{ publish: WorkloadUsage; consume: WorkloadUsage }> {
  const queue = `cost-queue-${perRequest}-${randomBytes(3).toString('hex')}`;
  await expectStatus(metered.api.put(`/v1/queues/${queue}`), 201);
  await publishCost(metered.api, metered.counter, queue, count, perRequest);
  const publish = usageSinceReset(metered, count);
  await consumeCost(metered.api, metered.counter, queue, count, perReceive);
  return { publish, consume: usageSinceReset(metered, count) };
}

/** A publish of `messages` through a fanout exchange bound to `width` queues, 10 to a request, plus each queue's receive + ack (`consume`, per message). */
export async function fanOutRoundTrip(metered: MeteredApi, width: number, messages: number, consume: WorkloadUsage): Promise<WorkloadUsage> {
  await fanOutCost(metered.api, metered.counter, width, 10, messages);
  return combine(usageSinceReset(metered, messages), consume, width);
}

/** 100-byte JSON records, as issue 17 states the stream workloads. */
const record = (i: number) => ({ value: `${i}`.padEnd(98, '.') });

/** Produces `count` 100-byte records `perRequest` to a request into a new stream of one partition (warm); returns its name and usage. */
export async function streamProduce(metered: MeteredApi, count: number, perRequest: number): Promise<{ stream: string; usage: WorkloadUsage }> {
  const stream = `cost-stream-${perRequest}-${randomBytes(3).toString('hex')}`;
  await expectStatus(metered.api.put(`/v1/streams/${stream}`, { partitions: 1 }), 201);
  const produce = (records: unknown[]) => expectStatus(metered.api.post(`/v1/streams/${stream}/records`, { records }), 200);
  await produce([record(-1)]); // warms the declaration and the partition's tail
  metered.counter.reset();
  for (let sent = 0; sent < count; sent += perRequest) await produce(Array.from({ length: Math.min(perRequest, count - sent) }, (_, i) => record(sent + i)));
  return { stream, usage: usageSinceReset(metered, count) };
}

/** One member of a new consumer group reading `stream` from its start to its end, committing after each poll. */
export async function groupRead(metered: MeteredApi, stream: string): Promise<WorkloadUsage> {
  const group = `/v1/streams/${stream}/groups/cost-${randomBytes(3).toString('hex')}`;
  await expectStatus(metered.api.post(`${group}/offsets`, { offsets: [{ partition: 0, offset: 0 }] }), 200);
  metered.counter.reset();
  const { memberId, generation } = await expectStatus(metered.api.post(`${group}/members`, {}), 200);
  let read = 0;
  for (;;) {
    const { records } = await expectStatus(metered.api.post(`${group}/members/${memberId}/poll`, { generation, maxRecords: MAX_READ_RECORDS }), 200);
    if (records.length === 0) break;
    read += records.length;
    await expectStatus(metered.api.post(`${group}/offsets`, { offsets: [{ partition: 0, offset: records.at(-1).offset + 1 }], memberId, generation }), 200);
  }
  return usageSinceReset(metered, read);
}

/** `count` single-message publishes to a warm queue, each with a fresh Idempotency-Key. */
export async function idempotentPublish(metered: MeteredApi, count: number): Promise<WorkloadUsage> {
  const queue = `cost-idempotent-${randomBytes(3).toString('hex')}`;
  await expectStatus(metered.api.put(`/v1/queues/${queue}`), 201);
  const publish = (headers: Record<string, string>) => metered.api.call({ method: 'POST', path: `/v1/queues/${queue}/messages`, json: { body: { pad: 'x'.repeat(64) } }, headers });
  await publish({}); // warms the declaration cache
  metered.counter.reset();
  for (let i = 0; i < count; i++) {
    const { status } = await publish({ 'idempotency-key': randomUUID() });
    if (status !== 202) throw new Error(`idempotent publish answered ${status}`);
  }
  return usageSinceReset(metered, count);
}

/** `count` RPC round trips through a direct exchange: the caller's request and the responder's receive and reply. */
export async function requestReply(metered: MeteredApi, count: number): Promise<WorkloadUsage> {
  const roundTrip = await rpcRoundTrip(metered.api, 'cost-rpc', 'cost-rpc-responders');
  await roundTrip(); // warms the declaration cache and the reply queue
  metered.counter.reset();
  for (let i = 0; i < count; i++) await roundTrip();
  return usageSinceReset(metered, count);
}

/** Per saga step, the SQS requests the benchmark cannot count: Step Functions' send to the step's queue, and the worker's event source receiving and deleting it. */
const SQS_REQUESTS_PER_STEP = 3;

/**
 * `count` runs of the `order` example saga started through the API, on the local runtime (moto runs
 * the state machine, the runtime's pollers run the step workers). State transitions and steps are
 * counted from each execution's history; the workers' invocations are timed; the SQS requests of
 * each step happen inside moto and the event source, so they are modelled (SQS_REQUESTS_PER_STEP).
 */
export async function orderSagaRuns(metered: MeteredApi, runtime: LocalRuntime, count: number): Promise<WorkloadUsage> {
  const machine = [...runtime.stacks[0]!.resources.values()].find((resource) => resource.type === 'AWS::StepFunctions::StateMachine' && resource.physicalId.endsWith(sagaStateMachineName('', 'order')));
  if (!machine) throw new Error('the app has no order saga');
  const workers = [...runtime.functions.values()].filter((fn) => /Worker/.test(fn.definition.logicalId));
  const workerMs: number[] = [];
  for (const worker of workers) {
    const invoke = worker.invoke.bind(worker);
    worker.invoke = async (event) => {
      const started = performance.now();
      try {
        return await invoke(event);
      } finally {
        workerMs.push(performance.now() - started);
      }
    };
  }
  const sfn = new SFNClient(clientConfig({ endpoint: runtime.endpoint, region: 'us-east-1' }));
  try {
    metered.counter.reset();
    const executions: string[] = [];
    for (let i = 0; i < count; i++) {
      const executionId = `cost-order-${randomBytes(4).toString('hex')}`;
      await expectStatus(metered.api.post('/v1/sagas/order/executions', { executionId, input: { items: ['book'] } }), 202);
      executions.push(`${machine.physicalId.replace(':stateMachine:', ':execution:')}:${executionId}`);
    }
    let transitions = 0;
    let steps = 0;
    for (const executionArn of executions) {
      const events = await finishedHistory(sfn, executionArn);
      transitions += events.filter((event) => event.type?.endsWith('StateEntered')).length;
      steps += events.filter((event) => event.type === 'TaskScheduled').length;
    }
    const api = usageSinceReset(metered, count, transitions);
    const workerMemoryMb = workers[0]!.definition.memorySize;
    const billed = totalBilledMs(workerMs);
    return {
      ...api,
      invocations: api.invocations + workerMs.length,
      billedMs: api.billedMs + billed,
      gbSeconds: api.gbSeconds + gbSeconds(billed, workerMemoryMb),
      sqsStandardRequests: api.sqsStandardRequests + steps * SQS_REQUESTS_PER_STEP,
    };
  } finally {
    sfn.destroy();
  }
}

/** The execution's history once it has ended. */
async function finishedHistory(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status !== 'RUNNING') break;
    if (Date.now() > deadline) throw new Error(`${executionArn} still runs after a minute`);
    await sleep(250);
  }
  const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  if (!events.some((event) => event.type === 'ExecutionSucceeded')) throw new Error(`${executionArn} did not succeed: ${JSON.stringify(events.at(-1))}`);
  return events;
}
