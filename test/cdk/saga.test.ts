import { App, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { SqsQueueNaming } from '../../functions/core/sqs-queue-names.ts';
import { SagaTarget } from '../../lib/constructs/saga/saga-target.ts';
import type { Saga } from '../../lib/constructs/saga/saga.ts';
import { addExamples } from '../../lib/examples/examples.ts';
import { OrderSaga } from '../../lib/examples/order-saga.ts';
import { TripSaga } from '../../lib/examples/trip-saga.ts';
import { PostroomStack } from '../../lib/postroom-stack.ts';

/** A traceparent in the execution's trace ($.traceparent) with a new parent id, as the saga's messages carry it. */
const CHILD_TRACEPARENT = "States.Format('00-{}-{}{}-{}', States.ArrayGetItem(States.StringSplit($.traceparent, '-'), 1), States.ArrayGetItem(States.StringSplit(States.UUID(), '-'), 0), States.ArrayGetItem(States.StringSplit(States.UUID(), '-'), 0), States.ArrayGetItem(States.StringSplit($.traceparent, '-'), 3))";

type State = Record<string, any>;

/** The state machine's definition, with each CloudFormation token inside it written as `<Ref>` or `<LogicalId.Attr>`. */
function definitionOf(template: Template, name: string): { States: Record<string, State>; StartAt: string } {
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine', { Properties: { StateMachineName: name } })) as any[];
  const parts: unknown[] = machine.Properties.DefinitionString['Fn::Join'][1];
  const text = parts.map((part: any) => (typeof part === 'string' ? part : part.Ref ? `<${part.Ref}>` : `<${part['Fn::GetAtt'].join('.')}>`)).join('');
  return JSON.parse(text);
}

const nagViolations = (scope: IConstruct) =>
  new AwsSolutionsChecks().validateScope(scope).violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);

const sqsName = (queueName: string) => new SqsQueueNaming('shop_').namesFor(queueName).queue;
const sqsArn = (queueName: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sqs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${sqsName(queueName)}`]] });

describe('Construct: Saga', () => {
  let stack: PostroomStack;
  let saga: Saga;
  let template: Template;
  let states: Record<string, State>;

  beforeAll(() => {
    vi.stubEnv('CDK_DOCKER', '/bin/false');
    stack = new PostroomStack(new App(), 'Shop', { queueNamePrefix: 'shop_' });
    const queue = (name: string) => SagaTarget.queue(stack.addQueue(name, { queueName: `trip.${name}` }));
    const refund = new LambdaFunction(stack, 'Refund', { code: Code.fromInline('export const handler = async () => ({})'), handler: 'index.handler', runtime: Runtime.NODEJS_24_X });
    saga = stack.addSaga('Trip', {
      sagaName: 'trip',
      steps: [
        { name: 'hotel', action: queue('hotel'), compensation: queue('hotelCancel'), timeout: Duration.seconds(20), retry: { maxAttempts: 2, interval: Duration.seconds(3), backoffRate: 1.5 } },
        { name: 'notify', action: queue('notify') },
        { name: 'flight', action: queue('flight'), compensation: SagaTarget.lambda(refund), compensationRetry: { maxAttempts: 5, jitter: false } },
        { name: 'receipt', action: queue('receipt') },
      ],
    });
    template = Template.fromStack(stack);
    states = definitionOf(template, 'shop_saga-trip').States;
  });

  it('names the state machine <prefix>saga-<name> and starts with a Pass that creates $.results', () => {
    const definition = definitionOf(template, 'shop_saga-trip');
    expect(definition.StartAt).toBe('Start');
    expect(states.Start).toMatchObject({ Type: 'Pass', Result: {}, ResultPath: '$.results', Next: 'Traced?' });
  });

  it('keeps the W3C traceparent the execution was started in, and starts a new trace for one started without', () => {
    expect(states['Traced?']).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.traceparent', IsPresent: false, Next: 'New trace' }],
      Default: 'hotel action',
    });
    const hex8 = "States.ArrayGetItem(States.StringSplit(States.UUID(), '-'), 0)";
    expect(states['New trace']).toEqual({
      Type: 'Pass',
      Parameters: { 'input.$': '$.input', 'results.$': '$.results', 'traceparent.$': `States.Format('00-{}{}{}{}-{}{}-01', ${Array(6).fill(hex8).join(', ')})` },
      Next: 'hotel action',
    });
  });

  it('runs the actions in order, keeping each output at $.results.<step>, and ends in Completed', () => {
    expect(states['hotel action']).toMatchObject({ Next: 'notify action', ResultPath: '$.results.hotel', TimeoutSeconds: 20 });
    expect(states['notify action']).toMatchObject({ Next: 'flight action', ResultPath: '$.results.notify', TimeoutSeconds: 300 });
    expect(states['flight action']!.Next).toBe('receipt action');
    expect(states['receipt action']!.Next).toBe('Completed');
    expect(states.Completed).toEqual({ Type: 'Succeed' });
  });

  it("retries task failures (not timeouts) per each step's policy, with full jitter by default", () => {
    expect(states['hotel action']!.Retry).toEqual([{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2, IntervalSeconds: 3, BackoffRate: 1.5, JitterStrategy: 'FULL' }]);
    expect(states['notify action']!.Retry).toEqual([{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 3, IntervalSeconds: 1, BackoffRate: 2, JitterStrategy: 'FULL' }]);
    // A compensation has its own retry; without one it takes the step's.
    expect(states['hotel compensation']!.Retry).toEqual(states['hotel action']!.Retry);
    expect(states['flight compensation']!.Retry).toContainEqual({ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 5, IntervalSeconds: 1, BackoffRate: 2 });
  });

  it('compensates exactly the steps completed before the failing one, in reverse order, skipping steps without a compensation', () => {
    const catchOf = (state: string) => states[state]!.Catch;
    expect(catchOf('hotel action')).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Compensated' }]);
    expect(catchOf('notify action')[0].Next).toBe('hotel compensation');
    expect(catchOf('flight action')[0].Next).toBe('hotel compensation');
    expect(catchOf('receipt action')[0].Next).toBe('flight compensation');
    expect(states['flight compensation']!.Next).toBe('hotel compensation');
    expect(states['hotel compensation']!.Next).toBe('Compensated');
    expect(states['hotel compensation']!.ResultPath).toBeNull();
    expect(states).not.toHaveProperty(['notify compensation']);
    expect(states).not.toHaveProperty(['receipt compensation']);
    expect(states.Compensated).toMatchObject({ Type: 'Fail', Error: 'Saga.Compensated' });
  });

  it('sends a queue step a Postroom envelope holding the SagaTaskMessage and its task token, and waits for the answer', () => {
    const hotel = states['hotel action']!;
    expect(hotel.Resource).toBe('arn:<AWS::Partition>:states:::sqs:sendMessage.waitForTaskToken');
    expect(hotel.Parameters.QueueUrl).toBe(`https://sqs.<AWS::Region>.<AWS::URLSuffix>/<AWS::AccountId>/${sqsName('trip.hotel')}`);
    expect(hotel.Parameters.MessageBody).toEqual({
      v: 1,
      'id.$': 'States.UUID()',
      'publishedAt.$': '$$.State.EnteredTime',
      // The execution's trace id with a parent id of its own.
      headers: { 'traceparent.$': CHILD_TRACEPARENT },
      body: { 'taskToken.$': '$$.Task.Token', saga: 'trip', 'executionId.$': '$$.Execution.Name', step: 'hotel', phase: 'action', 'input.$': '$.input', 'results.$': '$.results' },
    });
  });

  it('invokes a Lambda step with the SagaTaskMessage (no token) and keeps its payload as the output', () => {
    const refund = states['flight compensation']!;
    expect(refund.Resource).toMatch(/^<Refund[0-9A-F]+\.Arn>$/);
    expect(refund.Parameters).toEqual({ 'traceparent.$': CHILD_TRACEPARENT, saga: 'trip', 'executionId.$': '$$.Execution.Name', step: 'flight', phase: 'compensation', 'input.$': '$.input', 'results.$': '$.results' });
  });

  it('notifies <saga>.compensation-failed with what is needed to finish by hand when a compensation keeps failing, then ends in CompensationFailed', () => {
    expect(states['hotel compensation']!.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.compensationError', Next: 'Notify hotel compensation failed' }]);
    const notify = states['Notify hotel compensation failed']!;
    expect(notify).toMatchObject({ Resource: 'arn:<AWS::Partition>:states:::sqs:sendMessage', Next: 'CompensationFailed', ResultPath: null });
    expect(notify.Parameters.QueueUrl).toMatch(new RegExp(`/${sqsName('trip.compensation-failed')}$`));
    expect(notify.Parameters.MessageBody.body).toEqual({
      saga: 'trip',
      'executionId.$': '$$.Execution.Name',
      step: 'hotel',
      'error.$': '$.compensationError.Error',
      'cause.$': '$.compensationError.Cause',
      'input.$': '$.input',
      'results.$': '$.results',
    });
    expect(states.CompensationFailed).toMatchObject({ Type: 'Fail', Error: 'Saga.CompensationFailed' });
    template.hasResourceProperties('Custom::PostroomTopology', { Kind: 'queue', Name: 'trip.compensation-failed', Body: '{"retentionSeconds":1209600}' });
  });

  it("lets the state machine send to exactly the steps' queues and the notification queue, and invoke exactly the Lambda step", () => {
    const [policy] = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^TripStateMachineRole') }] } })) as any[];
    const statements: any[] = policy.Properties.PolicyDocument.Statement;
    const sendResources = statements.filter((s) => s.Action === 'sqs:SendMessage').map((s) => s.Resource);
    expect(sendResources).toEqual(expect.arrayContaining(['trip.hotel', 'trip.hotelCancel', 'trip.notify', 'trip.flight', 'trip.receipt', 'trip.compensation-failed'].map(sqsArn)));
    expect(sendResources).toHaveLength(6);
    const invoke = statements.filter((s) => [s.Action].flat().some((action: string) => action.startsWith('lambda:')));
    expect(invoke).toEqual([{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: [{ 'Fn::GetAtt': [expect.stringMatching(/^Refund/), 'Arn'] }, expect.anything()] }]);
    const wildcards = statements.filter((s) => s.Resource === '*').flatMap((s) => [s.Action].flat());
    expect(wildcards.every((action: string) => action.startsWith('logs:') || action.startsWith('xray:'))).toBe(true);
  });

  it('logs every event without execution data to a retained log group, and traces', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'shop_saga-trip',
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TripLogs'), 'Arn'] } } }] },
      TracingConfiguration: { Enabled: true },
    });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain', Properties: { RetentionInDays: 30 } });
  });

  it('creates the state machine after the queues it sends to', () => {
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as any[];
    const queues = Object.entries(template.findResources('Custom::PostroomTopology')).filter(([, r]: any) => r.Properties.Name.startsWith('trip.')).map(([id]) => id);
    expect(queues).toHaveLength(6);
    expect(machine.DependsOn).toEqual(expect.arrayContaining(queues));
  });

  it('alarms while the notification queue holds a message', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: sqsName('trip.compensation-failed') }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    expect(saga.notificationQueue).toBe('trip.compensation-failed');
  });

  it('grants answering tasks by their tokens (on *, see task-responses.ts) and starting executions on this state machine only', () => {
    const grantee = new PostroomStack(new App(), 'Grants', { queueNamePrefix: 'g_' });
    const other = grantee.addSaga('S', { sagaName: 's', steps: [{ name: 'a', action: SagaTarget.queue(grantee.addQueue('A', { queueName: 'a' })) }] });
    other.grantTaskResponse(grantee.apiFunction);
    other.grantStartExecution(grantee.apiFunction);
    const statements = Object.values(Template.fromStack(grantee).findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^ApiRole') }] } })).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual({ Action: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], Effect: 'Allow', Resource: '*' });
    expect(statements).toContainEqual({ Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: expect.stringMatching(/^SStateMachine/) } });
  });

  it('passes cdk-nag', () => {
    expect(nagViolations(saga)).toEqual([]);
  });

  it('rejects bad sagas at synth time, naming the value', () => {
    const bad = new PostroomStack(new App(), 'Bad', { queueNamePrefix: 'bad_' });
    const step = { name: 'a', action: SagaTarget.queue(bad.addQueue('A', { queueName: 'a' })) };
    expect(() => bad.addSaga('S1', { sagaName: 'no spaces', steps: [step] })).toThrow(/^invalid saga name: .*got "no spaces"/);
    expect(() => bad.addSaga('S2', { sagaName: 'empty', steps: [] })).toThrow('saga "empty" has no steps');
    expect(() => bad.addSaga('S3', { sagaName: 'twice', steps: [step, step] })).toThrow('saga "twice" has two steps named "a"');
    expect(() => bad.addSaga('S4', { sagaName: 'digit', steps: [{ ...step, name: '1st' }] })).toThrow(/^invalid step name in saga "digit": .*starting with a letter; got "1st"/);
    expect(() => bad.addSaga('S5', { sagaName: 'space', steps: [{ ...step, name: 'a b' }] })).toThrow(/got "a b"/);
    expect(() => bad.addSaga('S6', { sagaName: 'retry', steps: [{ ...step, retry: { maxAttempts: -1 } }] })).toThrow('retry of step "a": maxAttempts must be an integer');
    expect(() => bad.addSaga('S7', { sagaName: 'backoff', steps: [{ ...step, retry: { backoffRate: 0.5 } }] })).toThrow('backoffRate must be at least 1; got 0.5');
    expect(() => bad.addSaga('S8', { sagaName: 'orphan', steps: [{ ...step, compensationRetry: {} }] })).toThrow('step "a" has a compensationRetry but no compensation');
    expect(() => bad.addSaga('S9', { sagaName: 'fast', steps: [{ ...step, timeout: Duration.millis(10) }] })).toThrow('timeout of step "a" must be whole seconds, at least 1; got 10 millis');
    expect(() => bad.addSaga('S10', { sagaName: 'interval', steps: [{ ...step, retry: { interval: Duration.millis(1500) } }] })).toThrow('retry of step "a": interval must be whole seconds');
  });
});

describe('Construct: OrderSaga (the example)', () => {
  let stack: PostroomStack;
  let template: Template;

  beforeAll(() => {
    vi.stubEnv('CDK_DOCKER', '/bin/false');
    stack = new PostroomStack(new App(), 'Orders', { queueNamePrefix: 'shop_' });
    new OrderSaga(stack, 'OrderSaga');
    template = Template.fromStack(stack);
  });

  it('deploys saga "order": inventory and payment compensated, shipment not, with short timeouts and retries', () => {
    const states = definitionOf(template, 'shop_saga-order').States;
    expect(Object.keys(states).filter((name) => / (action|compensation)$/.test(name)).sort()).toEqual(['inventory action', 'inventory compensation', 'payment action', 'payment compensation', 'shipment action']);
    expect(states['shipment action']).toMatchObject({ TimeoutSeconds: 10, Catch: [{ Next: 'payment compensation' }] });
    expect(states['payment action']!.Retry).toEqual([{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2, IntervalSeconds: 1, BackoffRate: 1, JitterStrategy: 'FULL' }]);
    expect(states['payment compensation']!.Parameters.QueueUrl).toMatch(new RegExp(`/${sqsName('order.payment')}$`));
  });

  it("runs a worker per step on its queue's SQS queue, reporting batch item failures, after the queue exists", () => {
    for (const step of ['inventory', 'payment', 'shipment']) {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: sqsArn(`order.${step}`), FunctionResponseTypes: ['ReportBatchItemFailures'] });
    }
    const queues = Object.entries(template.findResources('Custom::PostroomTopology')).filter(([, r]: any) => /^order\.(inventory|payment|shipment)$/.test(r.Properties.Name)).map(([id]) => id);
    const workers = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler', Timeout: 5 } })) as any[];
    expect(workers).toHaveLength(3);
    for (const worker of workers) expect(queues.some((queue) => worker.DependsOn.includes(queue))).toBe(true);
  });

  it('lets each worker answer the tasks of saga "order"', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('WorkerRole') }] } })).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(statements.filter((s: any) => [s.Action].flat().includes('states:SendTaskSuccess'))).toHaveLength(3);
  });

  it('passes cdk-nag', () => {
    expect(nagViolations(stack.node.findChild('OrderSaga'))).toEqual([]);
  });
});

describe('Construct: TripSaga (the example served by HTTP workers)', () => {
  let stack: PostroomStack;
  let template: Template;

  beforeAll(() => {
    stack = new PostroomStack(new App(), 'Trips', { queueNamePrefix: 'shop_' });
    new TripSaga(stack, 'TripSaga');
    template = Template.fromStack(stack);
  });

  it('deploys saga "trip": hotel (compensated) then flight, each step a message in trip.<step>, a failure answer not retried', () => {
    const states = definitionOf(template, 'shop_saga-trip').States;
    expect(Object.keys(states).filter((name) => / (action|compensation)$/.test(name)).sort()).toEqual(['flight action', 'hotel action', 'hotel compensation']);
    expect(states['hotel action']!.Parameters.QueueUrl).toMatch(new RegExp(`/${sqsName('trip.hotel')}$`));
    expect(states['hotel compensation']!.Parameters.QueueUrl).toMatch(new RegExp(`/${sqsName('trip.hotel')}$`));
    expect(states['flight action']).toMatchObject({ Resource: expect.stringContaining('sqs:sendMessage.waitForTaskToken'), TimeoutSeconds: 60, Catch: [{ Next: 'hotel compensation' }] });
    for (const state of ['hotel action', 'flight action', 'hotel compensation']) expect(states[state]!.Retry ?? []).toEqual([]);
  });

  it('runs no worker of its own: HTTP workers serve its queues', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
    template.hasResourceProperties('Custom::PostroomTopology', { Kind: 'queue', Name: 'trip.hotel' });
    template.hasResourceProperties('Custom::PostroomTopology', { Kind: 'queue', Name: 'trip.flight' });
  });

  it('passes cdk-nag', () => {
    expect(nagViolations(stack.node.findChild('TripSaga'))).toEqual([]);
  });
});

describe('The examples in the default app', () => {
  const examplesTemplate = (context: Record<string, unknown>) => {
    const stack = new PostroomStack(new App({ context }), 'Postroom', { queueNamePrefix: 'shop_' });
    addExamples(stack);
    return Template.fromStack(stack);
  };
  const sagaNames = (context: Record<string, unknown>) =>
    Object.values(examplesTemplate(context).findResources('AWS::StepFunctions::StateMachine')).map((machine: any) => machine.Properties.StateMachineName).sort();
  /** The S3 keys of the code of the functions whose logical ids start with `prefix`. */
  const codeKeys = (template: Template, prefix: string) =>
    Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) => id.startsWith(prefix)).map(([, fn]: [string, any]) => JSON.stringify(fn.Properties.Code.S3Key));

  beforeAll(() => {
    vi.stubEnv('CDK_DOCKER', '/bin/false');
  });

  it('deploys order and trip by default', () => {
    expect(sagaNames({})).toEqual(['shop_saga-order', 'shop_saga-trip']);
  });

  it('leaves them out with postroom:examples=false, from the command line (a string) or cdk.json (a boolean)', () => {
    expect(sagaNames({ 'postroom:examples': 'false' })).toEqual([]);
    expect(sagaNames({ 'postroom:examples': false })).toEqual([]);
  });

  it('deploys the bank account, each function bundled from its own entry rather than the first of its folder, and leaves it out with the sagas', () => {
    const template = examplesTemplate({});
    for (const prefix of ['OrderSaga', 'BankAccount']) {
      const keys = codeKeys(template, prefix);
      expect(keys, prefix).toHaveLength(3);
      expect(new Set(keys).size, prefix).toBe(3);
    }
    expect(codeKeys(examplesTemplate({ 'postroom:examples': false }), 'BankAccount')).toEqual([]);
  });

  it('refuses another value for postroom:examples', () => {
    expect(() => sagaNames({ 'postroom:examples': 'no' })).toThrow(/postroom:examples must be true or false; got "no"/);
  });
});
