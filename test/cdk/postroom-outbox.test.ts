import { App } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PostroomOutbox } from '../../lib/constructs/postroom-outbox.ts';
import { PostroomStack } from '../../lib/postroom-stack.ts';

describe('PostroomOutbox', () => {
  let stack: PostroomStack;
  let outbox: PostroomOutbox;
  let template: Template;
  let accounts: Table;

  beforeAll(() => {
    vi.stubEnv('CDK_DOCKER', '/bin/false');
    stack = new PostroomStack(new App({ context: { 'postroom:examples': false } }), 'Outboxes', { queueNamePrefix: 'outbox_' });
    accounts = new Table(stack, 'Accounts', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    const notifications = stack.addExchange('Notifications', { exchangeName: 'notifications', type: 'topic' });
    outbox = stack.addOutbox('AccountsOutbox', { table: accounts, destination: notifications });
    template = Template.fromStack(stack);
  });

  it('gives the relay the API, the table and the destination', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POSTROOM_ENDPOINT: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HttpApi'), 'ApiEndpoint'] },
          POSTROOM_OUTBOX_TABLE: stack.resolve(accounts.tableName),
          POSTROOM_OUTBOX_DESTINATION_KIND: 'exchange',
          POSTROOM_OUTBOX_DESTINATION_NAME: 'notifications',
        }),
      },
    });
  });

  it('reads the table stream in order, one batch per shard, retrying from the first record not done', () => {
    const pattern = new Capture();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: stack.resolve(accounts.tableStreamArn),
      StartingPosition: 'TRIM_HORIZON',
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: false,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: { Filters: [{ Pattern: pattern }] },
    });
    expect(JSON.parse(pattern.asString())).toEqual({ eventName: ['INSERT', 'MODIFY'] });
  });

  it('may publish to the exchange over the API and read, update and delete the table’s items, nothing more', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy: any) => JSON.stringify(policy.Properties.Roles).includes('AccountsOutbox'))
      .flatMap((policy: any) => policy.Properties.PolicyDocument.Statement);
    const actions = statements.flatMap((statement: any) => [statement.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['execute-api:Invoke', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']));
    expect(actions).not.toContain('dynamodb:PutItem');
    const invoke = statements.find((statement: any) => [statement.Action].flat().includes('execute-api:Invoke'));
    expect(JSON.stringify(invoke.Resource)).toContain('/POST/v1/exchanges/notifications/messages');
  });

  it('passes cdk-nag', () => {
    const violations = new AwsSolutionsChecks().validateScope(outbox).violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(violations).toEqual([]);
  });

  it('needs a table with a stream', () => {
    const table = new Table(stack, 'NoStream', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    const queue = stack.addQueue('Q', { queueName: 'q' });
    expect(() => stack.addOutbox('Bad', { table, destination: queue })).toThrow(/no DynamoDB stream/);
  });
});
