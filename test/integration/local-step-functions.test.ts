import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, DescribeStateMachineCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stepFunctionsStateMachine } from '../../local/resources/step-functions-state-machine.ts';
import { AwsClients, clientConfig, connectAws, startLocalRuntime, synthesize, type LocalRuntime } from '../../local/index.ts';

// The fixture app (test/fixtures/state-machine-app.ts) run by the local runtime against the shared
// moto server: moto's interpreter runs the state machine, the local SQS poller feeds the worker
// function, and the worker answers the task tokens through the Step Functions API.
const endpoint = inject('awsEndpoint');
const region = 'us-east-1';
const stackName = `StepFunctionsTest-${randomBytes(3).toString('hex')}`;
const assemblyDir = mkdtempSync(join(tmpdir(), 'step-functions-assembly-'));
/** The fixture's task timeout. */
const taskTimeoutMs = 2000;
const sfn = new SFNClient(clientConfig({ endpoint, region }));
const warnings: string[] = [];
let runtime: LocalRuntime;

function stateMachineArn(): string {
  const machine = [...runtime.stacks[0]!.resources.values()].find((resource) => resource.type === 'AWS::StepFunctions::StateMachine');
  if (!machine) throw new Error('no state machine in the fixture stack');
  return machine.physicalId;
}

/** Starts an execution for a fresh order and waits until it ends; returns its description and history. */
async function runOrder(mode: 'succeed' | 'fail' | 'flaky' | 'ignore') {
  const order = `order-${randomBytes(4).toString('hex')}`;
  const name = `${mode}-${order}`;
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn(), name, input: JSON.stringify({ order, mode }) }));
  const deadline = Date.now() + 15_000;
  let execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  while (execution.status === 'RUNNING' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  }
  const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return { order, name, execution, events };
}

/** The states entered, in order. */
function statesEntered(events: HistoryEvent[]): string[] {
  return events.flatMap((event) => (event.type?.endsWith('StateEntered') ? [event.stateEnteredEventDetails!.name!] : []));
}

function eventsOf(events: HistoryEvent[], type: string): HistoryEvent[] {
  return events.filter((event) => event.type === type);
}

beforeAll(async () => {
  await synthesize({ app: 'npx tsx test/fixtures/state-machine-app.ts', outDir: assemblyDir, context: { stackName } });
  runtime = await startLocalRuntime({ assemblyDir, endpoint, port: 0, stacks: [stackName], log: (line) => warnings.push(line) });
});

afterAll(async () => {
  await runtime?.stop();
  sfn.destroy();
  rmSync(assemblyDir, { recursive: true, force: true });
});

describe('Step Functions in the local runtime', () => {
  it('creates the state machine with its references resolved', async () => {
    expect(warnings.filter((line) => !line.includes('no HTTP API'))).toEqual([]);
    const machine = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: stateMachineArn() }));
    expect(machine.name).toMatch(new RegExp(`^${stackName}-Saga`));
    const queue = [...runtime.stacks[0]!.resources.values()].find((resource) => resource.type === 'AWS::SQS::Queue')!;
    expect(JSON.parse(machine.definition!).States.Work.Parameters.QueueUrl).toBe(queue.physicalId);
    expect(machine.roleArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
  });

  it('succeeds with the worker output when the worker processes the order', async () => {
    const { order, name, execution } = await runOrder('succeed');
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!).work).toEqual({ processed: order, execution: name });
  });

  it('retries a transient failure and then succeeds', async () => {
    const { order, execution, events } = await runOrder('flaky');
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!).work).toMatchObject({ processed: order });
    // Each attempt gets its own token (emulator/stepfunctions_callbacks.py), so the retry waits for the new answer.
    const failures = eventsOf(events, 'TaskFailed').map((event) => event.taskFailedEventDetails);
    expect(failures).toEqual([expect.objectContaining({ error: 'Transient' })]);
    expect(eventsOf(events, 'TaskScheduled')).toHaveLength(2);
    expect(statesEntered(events)).toEqual(['Work', 'OrderDone']);
  });

  it('compensates and fails when the worker rejects the order', async () => {
    const { order, execution, events } = await runOrder('fail');
    expect(execution).toMatchObject({ status: 'FAILED', error: 'OrderFailed', cause: 'the order was compensated' });
    expect(eventsOf(events, 'TaskFailed').map((event) => event.taskFailedEventDetails?.error)).toEqual(['OrderRejected']);
    expect(statesEntered(events)).toEqual(['Work', 'Compensate', 'OrderFailed']);
    const [compensation] = eventsOf(events, 'TaskSucceeded');
    expect(JSON.parse(compensation!.taskSucceededEventDetails!.output!)).toEqual({ compensated: order });
  });

  it('times the task out with States.Timeout when the worker never answers, then compensates', async () => {
    const { order, execution, events } = await runOrder('ignore');
    expect(execution).toMatchObject({ status: 'FAILED', error: 'OrderFailed' });
    const [submitted] = eventsOf(events, 'TaskSubmitted');
    const [timedOut] = eventsOf(events, 'TaskTimedOut');
    expect(timedOut!.taskTimedOutEventDetails?.error).toBe('States.Timeout');
    // Measured from the task's start, which comes just before its submission to SQS.
    expect(timedOut!.timestamp!.getTime() - submitted!.timestamp!.getTime()).toBeGreaterThanOrEqual(taskTimeoutMs - 100);
    expect(statesEntered(events)).toEqual(['Work', 'Compensate', 'OrderFailed']);
    const compensated = eventsOf(events, 'TaskStateExited').find((event) => event.stateExitedEventDetails?.name === 'Compensate');
    expect(JSON.parse(compensated!.stateExitedEventDetails!.output!)).toMatchObject({ error: { Error: 'States.Timeout' }, compensation: { compensated: order } });
  });
});

describe('Resource: AWS::StepFunctions::StateMachine', () => {
  const name = `ProviderTest-${randomBytes(3).toString('hex')}`;
  let aws: AwsClients;

  beforeAll(async () => {
    aws = new AwsClients(await connectAws(endpoint, region));
  });
  afterAll(() => aws.destroy());

  /** Provisions a machine named `name` from the given (already resolved) properties. */
  function provision(properties: Record<string, unknown>) {
    return stepFunctionsStateMachine.provision({
      stackName: 'ProviderTest',
      logicalId: 'Machine',
      aws,
      gatewayUrl: 'http://127.0.0.1:1',
      property: (key) => ({ StateMachineName: name, RoleArn: 'arn:aws:iam::123456789012:role/machine', ...properties })[key],
    });
  }

  it('takes a Definition object with DefinitionSubstitutions, and updates the definition on a second start', async () => {
    const definition = { StartAt: 'Greet', States: { Greet: { Type: 'Pass', Result: '${greeting}', End: true } } };
    const first = await provision({ Definition: definition, DefinitionSubstitutions: { greeting: 'hello' } });
    expect(first).toEqual({ physicalId: expect.stringMatching(new RegExp(`:stateMachine:${name}$`)), attributes: { Arn: first.physicalId, Name: name } });
    const created = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: first.physicalId }));
    expect(JSON.parse(created.definition!).States.Greet.Result).toBe('hello');

    const second = await provision({ Definition: definition, DefinitionSubstitutions: { greeting: 'bonjour' } });
    expect(second).toEqual(first);
    const updated = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: first.physicalId }));
    expect(JSON.parse(updated.definition!).States.Greet.Result).toBe('bonjour');
  });

  it('names an unnamed machine after its stack and logical ID', async () => {
    const outputs = await provision({ StateMachineName: undefined, DefinitionString: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}' });
    expect(outputs.attributes.Name).toBe('ProviderTest-Machine');
  });

  it('refuses a definition it cannot read', async () => {
    await expect(provision({ DefinitionS3Location: { Bucket: 'b', Key: 'k' } })).rejects.toThrow(/DefinitionS3Location is not supported locally/);
  });
});
