import { App, type CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiEnvironment } from '../../functions/api/environment.ts';
import { ReplyQueueSweeper } from '../../lib/constructs/reply-queue-sweeper.ts';
import { PostroomStack } from '../../lib/postroom-stack.ts';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** These tests are about the template, not the asset: no bundling. */
const unbundledApp = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });

const logicalId = (construct: IConstruct) => Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

const queueArn = (name: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sqs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${name}`]],
});

/** The statements of the policies attached to the sweeper's role. */
function sweeperStatements(template: Template, sweeper: ReplyQueueSweeper): Statement[] {
  const roleId = logicalId(sweeper.node.findChild('Role'));
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
  return Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

describe('ReplyQueueSweeper in the Postroom stack', () => {
  let stack: PostroomStack;
  let template: Template;

  beforeAll(() => {
    stack = new PostroomStack(unbundledApp(), 'Postroom');
    template = Template.fromStack(stack);
  });

  it('runs the sweeper every 15 minutes', () => {
    // The sweeper's and the stream lag function's.
    template.resourceCountIs('AWS::Events::Rule', 2);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(stack.replyQueueSweeper.lambdaFunction), 'Arn'] } })],
    });
  });

  it("gives the function the stack's queue-name prefix and its own log group kept for a month", () => {
    const fn = template.toJSON().Resources[logicalId(stack.replyQueueSweeper.lambdaFunction)].Properties;

    expect(fn.Environment.Variables).toEqual({ [ApiEnvironment.queueNamePrefix]: 'Postroom_', NODE_OPTIONS: '--enable-source-maps' });
    expect(template.toJSON().Resources[fn.LoggingConfig.LogGroup.Ref]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
  });

  it('may list queues, read and delete only reply queues, and send its traces', () => {
    const statements = sweeperStatements(template, stack.replyQueueSweeper);
    const sqsStatements = statements.filter((s) => [s.Action].flat().some((action) => action.startsWith('sqs:')));

    expect(sqsStatements).toEqual([
      { Effect: 'Allow', Action: 'sqs:ListQueues', Resource: '*' },
      { Effect: 'Allow', Action: ['sqs:GetQueueAttributes', 'sqs:DeleteQueue'], Resource: queueArn('Postroom_rpc-*') },
    ]);
    // Besides its logs, only X-Ray's (active tracing).
    expect(statements.flatMap((s) => [s.Action].flat()).filter((action) => !action.startsWith('sqs:') && !action.startsWith('logs:'))).toEqual(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
  });

  it('exposes the error metric of the function', () => {
    const metric = stack.replyQueueSweeper.metricErrors();

    expect(`${metric.namespace}/${metric.metricName}`).toBe('AWS/Lambda/Errors');
    expect(metric.dimensions).toEqual({ FunctionName: stack.replyQueueSweeper.lambdaFunction.functionName });
  });
});

describe('ReplyQueueSweeper on its own', () => {
  let stack: Stack;
  let sweeper: ReplyQueueSweeper;

  beforeAll(() => {
    stack = new Stack(unbundledApp(), 'Sweeping');
    sweeper = new ReplyQueueSweeper(stack, 'Sweeper', { queueNamePrefix: 'custom-', schedule: Schedule.rate(Duration.hours(1)) });
  });

  it("runs on the given schedule and deletes only the given prefix's reply queues", () => {
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' });
    const deletes = sweeperStatements(template, sweeper).filter((s) => [s.Action].flat().includes('sqs:DeleteQueue'));
    expect(deletes.map((s) => s.Resource)).toEqual([queueArn('custom-rpc-*')]);
  });

  it('passes the AwsSolutions checks with only the acknowledged findings', () => {
    const violations = new AwsSolutionsChecks().validateScope(stack).violations.map((v) => v.ruleName);

    expect(violations).toEqual([]);
  });
});
