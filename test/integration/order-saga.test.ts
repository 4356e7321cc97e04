import { randomBytes } from 'node:crypto';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { DeleteMessageBatchCommand, GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decodeEnvelope } from '../../functions/core/envelope.ts';
import { sagaStateMachineName } from '../../functions/core/sagas/saga-contract.ts';
import { SqsQueueNaming } from '../../functions/core/sqs-queue-names.ts';
import { clientConfig, startLocalRuntime, type LocalRuntime } from '../../local/index.ts';

// The project's own app (bin/postroom.ts, synthesized by the global setup) on the local runtime:
// moto runs the `order` saga's state machine as CDK synthesized it, and the local SQS pollers feed
// the example's workers, which answer through the Step Functions API. Executions start directly on
// moto here; the HTTP routes are test/integration/saga-api.test.ts's subject.
const endpoint = inject('awsEndpoint');
const region = 'us-east-1';
const sfn = new SFNClient(clientConfig({ endpoint, region }));
const sqs = new SQSClient(clientConfig({ endpoint, region }));
const warnings: string[] = [];
let runtime: LocalRuntime;
let stateMachineArn: string;

beforeAll(async () => {
  runtime = await startLocalRuntime({ assemblyDir: inject('assemblyDir'), endpoint, port: 0, stacks: ['Postroom'], log: (line) => warnings.push(line) });
  const machines = [...runtime.stacks[0]!.resources.values()].filter((resource) => resource.type === 'AWS::StepFunctions::StateMachine');
  stateMachineArn = machines.map((machine) => machine.physicalId).find((arn) => arn.endsWith(sagaStateMachineName('', 'order')))!;
});

afterAll(async () => {
  await runtime?.stop();
  sfn.destroy();
  sqs.destroy();
});

/** Starts an order with `input` and waits until its execution ends; returns its description and history. */
async function runOrder(input: Record<string, unknown>) {
  const name = `order-${randomBytes(4).toString('hex')}`;
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify({ input }) }));
  const deadline = Date.now() + 30_000;
  let execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  while (execution.status === 'RUNNING' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  }
  const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return { name, execution, events };
}

/** The Task states entered, in order: the saga's steps as they ran. */
const tasksEntered = (events: HistoryEvent[]) =>
  events.flatMap((event) => (event.type === 'TaskStateEntered' ? [event.stateEnteredEventDetails!.name!] : []));

/** Receives from `order.compensation-failed` until the notification about `executionId` shows up (other runs may share the queue). */
async function notificationAbout(executionId: string): Promise<Record<string, unknown> | undefined> {
  const prefix = stateMachineArn.split(':').at(-1)!.slice(0, -sagaStateMachineName('', 'order').length);
  const queueName = new SqsQueueNaming(prefix).namesFor('order.compensation-failed').queue;
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    const bodies = Messages.map((message) => decodeEnvelope(message.Body!)?.payload);
    const mine = Messages.filter((_, index) => (bodies[index] as { body?: { executionId?: string } } | undefined)?.body?.executionId === executionId);
    if (mine.length > 0) {
      await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: mine.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })) }));
      return (decodeEnvelope(mine[0]!.Body!)!.payload as { body: Record<string, unknown> }).body;
    }
  }
  return undefined;
}

describe('The order saga, as deployed, on the local runtime', () => {
  it('provisions the saga without warnings about its resources', () => {
    expect(stateMachineArn).toMatch(/:stateMachine:.+saga-order$/);
    expect(warnings.filter((line) => /StateMachine|OrderSaga|saga/i.test(line))).toEqual([]);
  });

  it('completes every step and keeps their results', async () => {
    const { name, execution, events } = await runOrder({ items: ['book'] });

    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!).results).toEqual({
      inventory: { reservationId: `reservation-${name}` },
      payment: { chargeId: `charge-${name}` },
      shipment: { shipmentId: `shipment-${name}` },
    });
    expect(tasksEntered(events)).toEqual(['inventory action', 'payment action', 'shipment action']);
  });

  it('compensates only inventory when payment fails, after the retries, and ends Saga.Compensated', async () => {
    const { execution, events } = await runOrder({ failAt: 'payment' });

    expect(execution).toMatchObject({ status: 'FAILED', error: 'Saga.Compensated' });
    expect(tasksEntered(events)).toEqual(['inventory action', 'payment action', 'inventory compensation']);
    // The first try and its 2 retries.
    const scheduled = events.flatMap((event) => (event.type === 'TaskScheduled' ? [JSON.parse(event.taskScheduledEventDetails!.parameters!).MessageBody.body] : []));
    expect(scheduled.map(({ step, phase }) => `${step} ${phase}`)).toEqual(['inventory action', 'payment action', 'payment action', 'payment action', 'inventory compensation']);
  });

  it.each([
    ['inventory', ['inventory action']],
    ['shipment', ['inventory action', 'payment action', 'shipment action', 'payment compensation', 'inventory compensation']],
  ])('compensates the steps completed before %s in reverse order when it fails', async (failAt, expected) => {
    const { execution, events } = await runOrder({ failAt });

    expect(execution).toMatchObject({ status: 'FAILED', error: 'Saga.Compensated' });
    expect(tasksEntered(events)).toEqual(expected);
  });

  it('ends CompensationFailed and notifies order.compensation-failed when a compensation keeps failing', async () => {
    const { name, execution, events } = await runOrder({ failAt: 'shipment', failCompensation: 'inventory' });

    expect(execution).toMatchObject({ status: 'FAILED', error: 'Saga.CompensationFailed' });
    expect(tasksEntered(events)).toEqual([
      'inventory action',
      'payment action',
      'shipment action',
      'payment compensation',
      'inventory compensation',
      'Notify inventory compensation failed',
    ]);
    expect(await notificationAbout(name)).toEqual({
      saga: 'order',
      executionId: name,
      step: 'inventory',
      error: 'OrderSaga.RequestedFailure',
      cause: 'the compensation of step "inventory" failed because the order\'s input asked for it',
      input: { failAt: 'shipment', failCompensation: 'inventory' },
      results: { inventory: { reservationId: `reservation-${name}` }, payment: { chargeId: `charge-${name}` } },
    });
  });
});
