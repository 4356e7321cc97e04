import { App, Stack } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { StreamConsumer } from '../../lib/constructs/stream-consumer.ts';
import { MetadataTable } from '../../lib/constructs/metadata-table.ts';
import { StreamRecordsTable } from '../../lib/constructs/stream-records-table.ts';

describe('StreamConsumer', () => {
  let stack: Stack;
  let consumer: StreamConsumer;
  let template: Template;

  beforeAll(() => {
    // Any Docker call fails: the dispatcher bundles with the local esbuild.
    vi.stubEnv('CDK_DOCKER', '/bin/false');
    stack = new Stack(new App(), 'Consumers');
    const handler = new LambdaFunction(stack, 'Handler', { runtime: Runtime.NODEJS_24_X, handler: 'index.handler', code: Code.fromInline('export const handler = async () => {}') });
    consumer = new StreamConsumer(stack, 'Orders', {
      recordsTable: new StreamRecordsTable(stack, 'Records'),
      metadataTable: new MetadataTable(stack, 'Metadata'),
      stream: 'orders',
      group: 'billing',
      handler,
      maxAttempts: 4,
    });
    template = Template.fromStack(stack);
  });

  it('bundles the dispatcher as an ES module for Node 24 on arm64', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Environment: { Variables: Match.objectLike({ POSTROOM_STREAM: 'orders', POSTROOM_GROUP: 'billing', POSTROOM_MAX_ATTEMPTS: '4', POSTROOM_BATCH_SIZE: '100' }) },
    });
  });

  it('names no broker when made alone, so its dispatcher emits no metrics', () => {
    const dispatcher = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: Match.objectLike({ POSTROOM_STREAM: 'orders' }) } } }));
    expect(dispatcher).toHaveLength(1);
    expect(dispatcher[0]!.Properties.Environment.Variables).not.toHaveProperty('POSTROOM_QUEUE_PREFIX');
  });

  it('reads the records table stream in order, new segments of the stream only', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
    const plain = new Capture();
    const compressed = new Capture();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: false,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: { Filters: [{ Pattern: plain }, { Pattern: compressed }] },
    });
    const segments = (type: string) => ({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'orders#' }] } }, NewImage: { r: { [type]: [{ exists: true }] } } } });
    expect(JSON.parse(plain.asString())).toEqual(segments('S'));
    expect(JSON.parse(compressed.asString())).toEqual(segments('B'));
  });

  it('has an encrypted dead-letter queue', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('may only invoke the handler, send to the dead letters and write the group offsets', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy: any) => policy.Properties.PolicyDocument.Statement);
    const actions = statements.flatMap((statement: any) => [statement.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['lambda:InvokeFunction', 'sqs:SendMessage', 'dynamodb:PutItem']));
    expect(actions).not.toContain('dynamodb:*');
    const offsets = statements.find((statement: any) => [statement.Action].flat().includes('dynamodb:PutItem'));
    expect(offsets.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['stream-group#orders#*'] } });
  });

  it('passes cdk-nag', () => {
    const violations = new AwsSolutionsChecks().validateScope(consumer).violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(violations).toEqual([]);
  });

  it('rejects bad settings', () => {
    const scope = new Stack(new App(), 'Bad');
    const table = new StreamRecordsTable(scope, 'R');
    const handler = LambdaFunction.fromFunctionName(scope, 'H', 'h');
    const base = { recordsTable: table, metadataTable: new MetadataTable(scope, 'M'), stream: 'orders', group: 'g', handler };
    expect(() => new StreamConsumer(scope, 'A', { ...base, maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => new StreamConsumer(scope, 'B', { ...base, stream: 'a#b' })).toThrow(/stream name/);
  });
});
