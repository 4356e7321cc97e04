import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Projection } from '../../lib/constructs/projection.ts';
import { PostroomStack } from '../../lib/postroom-stack.ts';

describe('Projection', () => {
  let stack: PostroomStack;
  let projection: Projection;
  let template: Template;

  beforeAll(() => {
    vi.stubEnv('CDK_DOCKER', '/bin/false');
    stack = new PostroomStack(new App({ context: { 'postroom:examples': false } }), 'Projections', { queueNamePrefix: 'proj_' });
    const handler = new LambdaFunction(stack, 'Balances', { runtime: Runtime.NODEJS_24_X, handler: 'index.handler', code: Code.fromInline('export const handler = async () => ({ batchItemFailures: [] })') });
    projection = stack.addProjection('BalancesProjection', { store: 'bank', projectionName: 'balances', handler });
    template = Template.fromStack(stack);
  });

  it('pushes the store’s log to the handler in the group projection.<name>, retrying a record 10 times', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      // The broker names the Broker dimension of the dispatcher's metrics.
      Environment: { Variables: Match.objectLike({ POSTROOM_STREAM: 'bank.events', POSTROOM_GROUP: 'projection.balances', POSTROOM_MAX_ATTEMPTS: '10', POSTROOM_QUEUE_PREFIX: 'proj_' }) },
    });
  });

  it('gives the handler a read-model table keyed by id, and its name', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Environment: { Variables: { POSTROOM_READ_MODEL_TABLE: stack.resolve(projection.table.tableName) } },
    });
  });

  it('passes cdk-nag', () => {
    const violations = new AwsSolutionsChecks().validateScope(projection).violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(violations).toEqual([]);
  });

  it('rejects bad names', () => {
    const handler = LambdaFunction.fromFunctionName(stack, 'H', 'h');
    expect(() => stack.addProjection('A', { store: 'a b', projectionName: 'p', handler })).toThrow(/event store name/);
    expect(() => stack.addProjection('B', { store: 'bank', projectionName: 'p/q', handler })).toThrow(/projection name/);
  });
});
