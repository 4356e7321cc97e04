import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { App, type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Capture, Match, Template } from 'aws-cdk-lib/assertions';
import { AccountRootPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiEnvironment } from '../../functions/api/environment.ts';
import { PAYLOAD_EXPIRY_DAYS } from '../../functions/core/claim-check.ts';
import { SqsLimits } from '../../functions/core/sqs-limits.ts';
import { METRIC_RESOURCES_ENV } from '../../functions/core/metrics/metric-catalogue.ts';
import { apiRoutes } from '../../functions/api/route-table.ts';
import { toHttpRouteKey } from '../../lib/api-route-key.ts';
import { SagaTarget } from '../../lib/constructs/saga/saga-target.ts';
import { Postroom } from '../../lib/postroom.ts';
import { PostroomStack, type PostroomStackProps } from '../../lib/postroom-stack.ts';
import { defaultQueueNamePrefix } from '../../lib/queue-name-prefix.ts';

type Resource = { Type: string; Properties: Record<string, any> };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** Stacks besides the shared one skip bundling: their tests are about the template, not the asset. */
function unbundledStack(props: PostroomStackProps = {}): PostroomStack {
  return new PostroomStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Postroom', props);
}

/** The logical id of a construct's CloudFormation resource, as its template names it. */
function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

function nagViolations(scope: IConstruct): string[] {
  return new AwsSolutionsChecks().validateScope(scope).violations.map(
    (v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
  );
}

function statementsOf(template: Template): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
  );
}

const actionsOf = (statement: Statement) => [statement.Action].flat();

describe('PostroomStack', () => {
  let app: App;
  let stack: PostroomStack;
  let template: Template;
  let functionId: string;
  let tableId: string;
  let topicId: string;

  beforeAll(() => {
    // Any Docker call now fails, so this synthesis proves bundling needs only the local esbuild.
    vi.stubEnv('CDK_DOCKER', '/bin/false');
    // This file proves the real bundling, which the cdk project skips elsewhere (vitest.config.ts).
    app = new App({ context: { 'aws:cdk:enable-asset-metadata': true }, postCliContext: { 'aws:cdk:bundling-stacks': ['**'] } });
    stack = new PostroomStack(app, 'Postroom');
    template = Template.fromStack(stack);
    functionId = logicalId(stack.apiFunction.lambdaFunction);
    tableId = logicalId(stack.metadataTable);
    topicId = logicalId(stack.fanOutTopic.topic);
  });

  afterAll(() => {
    vi.unstubAllEnvs();
  });

  describe('synthesis', () => {
    it('bundles the handler to index.mjs with the local esbuild when Docker is unavailable, what routes import on first use in chunks', () => {
      const fn = template.toJSON().Resources[functionId];
      const assetPath: string = fn.Metadata['aws:asset:path'];

      expect(fn.Properties.Handler).toBe('index.handler');
      const assetDir = join(app.synth().directory, assetPath);
      expect(existsSync(join(assetDir, 'index.mjs'))).toBe(true);
      expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
      expect(readdirSync(join(assetDir, 'chunks')).filter((name) => name.endsWith('.mjs')).length).toBeGreaterThan(1);
    });

    it('emits no CDK warnings or errors when synthesized', () => {
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    });

    it('passes the AwsSolutions checks with only the acknowledged findings', () => {
      expect(nagViolations(stack)).toEqual([]);
    });

    it('synthesizes with AwsSolutionsChecks registered as a validation plugin', () => {
      const checked = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
      new PostroomStack(checked, 'Postroom');
      Validations.of(checked).addPlugins(new AwsSolutionsChecks(checked));

      expect(() => checked.synth()).not.toThrow();
    });

    it('outputs the API URL and the table name', () => {
      template.hasOutput('ApiUrl', {
        Value: {
          'Fn::Join': ['', Match.arrayWith(['https://', { Ref: logicalId(stack.api.httpApi) }, '.execute-api.'])],
        },
      });
      template.hasOutput('MetadataTableName', { Value: { Ref: tableId } });
    });
  });

  describe('HTTP API', () => {
    it('creates one IAM-authorized route per route-table entry', () => {
      template.resourceCountIs('AWS::ApiGatewayV2::Route', apiRoutes.length);
      for (const { routeKey } of apiRoutes) {
        template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: routeKey,
          AuthorizationType: 'AWS_IAM',
        });
      }
    });

    it('sends every route to the Api function with payload format 2.0', () => {
      const integrations = template.findResources('AWS::ApiGatewayV2::Integration') as Record<string, Resource>;
      const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route') as Record<string, Resource>);

      for (const integration of Object.values(integrations)) {
        expect(integration.Properties).toMatchObject({
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: { 'Fn::GetAtt': [functionId, 'Arn'] },
          PayloadFormatVersion: '2.0',
        });
      }
      for (const route of routes) {
        const [, [, target]] = route.Properties.Target['Fn::Join'];
        expect(Object.keys(integrations)).toContain(target.Ref);
      }
    });

    it('lets API Gateway invoke the function from every route, the default one included', () => {
      template.resourcePropertiesCountIs(
        'AWS::Lambda::Permission',
        { FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] }, Principal: 'apigateway.amazonaws.com' },
        apiRoutes.length,
      );
    });

    it('logs every request as JSON to a log group kept for a month', () => {
      const format = new Capture();
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        AccessLogSettings: {
          DestinationArn: { 'Fn::GetAtt': [logicalId(stack.api.accessLogGroup), 'Arn'] },
          Format: format,
        },
        DefaultRouteSettings: { ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 2000 },
      });
      expect(JSON.parse(format.asString())).toMatchObject({
        requestId: '$context.requestId',
        status: '$context.status',
      });
    });

    it('grants execute-api:Invoke on the whole API when grantInvokeApi is called', () => {
      const other = unbundledStack();
      const caller = new Role(other, 'Caller', { assumedBy: new AccountRootPrincipal() });
      other.api.grantInvokeApi(caller);

      Template.fromStack(other).hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: logicalId(caller) }],
        PolicyDocument: {
          Statement: [
            {
              Action: 'execute-api:Invoke',
              Effect: 'Allow',
              Resource: {
                'Fn::Join': ['', Match.arrayWith([{ Ref: logicalId(other.api.httpApi) }, '/*'])],
              },
            },
          ],
        },
      });
    });

    it('fails synthesis when a route key is malformed', () => {
      expect(() => toHttpRouteKey('FETCH /v1/queues')).toThrow(/invalid route key "FETCH \/v1\/queues"/);
      expect(() => toHttpRouteKey('GET v1/queues')).toThrow(/write "\$default" or "METHOD \/path"/);
    });

    it('exposes 5xx and latency metrics of the API', () => {
      expect(stack.api.metricServerError()).toMatchObject({ namespace: 'AWS/ApiGateway', metricName: '5xx' });
      expect(stack.api.metricLatency()).toMatchObject({ namespace: 'AWS/ApiGateway', metricName: 'Latency' });
    });
  });

  describe('metadata table', () => {
    it('has the pk/sk key schema, on-demand billing, PITR, SSE and TTL on expiresAt', () => {
      template.hasResource('AWS::DynamoDB::Table', {
        Properties: {
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: Match.arrayWith([
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ]),
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true },
          TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    it('deletes the table and the log groups with the stack when removalPolicy is DESTROY', () => {
      const disposable = Template.fromStack(unbundledStack({ removalPolicy: RemovalPolicy.DESTROY }));

      disposable.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
      disposable.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
    });
  });

  describe('stream records table', () => {
    it('has a string pk and a numeric sk (offsets), on-demand billing, PITR, SSE and TTL on expiresAt', () => {
      const recordsId = logicalId(stack.streamRecordsTable);

      expect(template.toJSON().Resources[recordsId]).toMatchObject({
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'N' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true },
          TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    it('gives its name to the function and as an output', () => {
      const recordsId = logicalId(stack.streamRecordsTable);

      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: Match.objectLike({ [ApiEnvironment.streamRecordsTable]: { Ref: recordsId } }) },
      });
      template.hasOutput('StreamRecordsTableName', { Value: { Ref: recordsId } });
    });

    it('is deleted with the stack when removalPolicy is DESTROY', () => {
      const disposable = Template.fromStack(unbundledStack({ removalPolicy: RemovalPolicy.DESTROY }));

      disposable.allResources('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    });
  });

  describe('event store table', () => {
    it('has a string pk and a numeric sk (versions), on-demand billing, PITR, SSE and no DynamoDB stream', () => {
      const resource = template.toJSON().Resources[logicalId(stack.eventStoreTable)];

      expect(resource).toMatchObject({
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'N' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true },
        },
        DeletionPolicy: 'Retain',
      });
      expect(resource.Properties.StreamSpecification).toBeUndefined();
    });

    it('gives its name to the function and as an output', () => {
      const tableId = logicalId(stack.eventStoreTable);

      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: Match.objectLike({ [ApiEnvironment.eventStoreTable]: { Ref: tableId } }) },
      });
      template.hasOutput('EventStoreTableName', { Value: { Ref: tableId } });
    });
  });

  describe('idempotency table', () => {
    it("has Powertools idempotency's string id key, on-demand billing, PITR, SSE and TTL on expiration", () => {
      expect(template.toJSON().Resources[logicalId(stack.idempotencyTable)]).toMatchObject({
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true },
          TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
        },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    it('gives its name and a 24 h window to the function by default', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({
            [ApiEnvironment.idempotencyTable]: { Ref: logicalId(stack.idempotencyTable) },
            [ApiEnvironment.idempotencyWindowSeconds]: '86400',
          }),
        },
      });
    });

    it('passes the idempotencyWindow prop to the function in seconds', () => {
      const custom = Template.fromStack(unbundledStack({ idempotencyWindow: Duration.hours(1) }));

      custom.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: Match.objectLike({ [ApiEnvironment.idempotencyWindowSeconds]: '3600' }) },
      });
    });
  });

  describe('payload bucket', () => {
    it('is one private bucket, encrypted with S3-managed keys', () => {
      template.resourceCountIs('AWS::S3::Bucket', 1);
      template.hasResourceProperties('AWS::S3::Bucket', {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      });
    });

    it('refuses requests without TLS', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    });

    it('deletes payload objects after longer than any message referring to one can stay in SQS: two retentions and a day; uploads after a day', () => {
      const retentionDays = SqsLimits.maxRetentionSeconds / 86_400;
      template.hasResourceProperties('AWS::S3::Bucket', {
        LifecycleConfiguration: {
          Rules: [
            { Id: 'ExpirePayloads', Status: 'Enabled', Prefix: 'payloads/', ExpirationInDays: PAYLOAD_EXPIRY_DAYS },
            { Id: 'ExpireUploads', Status: 'Enabled', Prefix: 'uploads/', ExpirationInDays: 1 },
          ],
        },
      });
      expect(PAYLOAD_EXPIRY_DAYS).toBeGreaterThan(2 * retentionDays);
    });

    it('lets the API function put and get payload and upload objects, and names the bucket to it', () => {
      const bucketId = logicalId(stack.payloadBucket);
      const objects = (prefix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/${prefix}/*`]] });
      expect(statementsOf(template)).toContainEqual({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: [objects('payloads'), objects('uploads')] });
      const fn = template.toJSON().Resources[functionId];
      expect(fn.Properties.Environment.Variables[ApiEnvironment.payloadBucket]).toEqual({ Ref: bucketId });
    });
  });

  describe('fan-out topic', () => {
    it('passes the fanOutShardCapacity prop to the API and topology functions, and refuses one below 1', () => {
      const custom = unbundledStack({ fanOutShardCapacity: 1000 });
      custom.broker.addQueue('Q', { queueName: 'q' });
      const functions = Template.fromStack(custom).findResources('AWS::Lambda::Function', {
        Properties: { Environment: { Variables: { [ApiEnvironment.fanOutShardCapacity]: '1000' } } },
      });

      expect(Object.keys(functions).map((id) => id.replace(/[0-9A-F]{8}$/, ''))).toEqual(['ApiFunction', 'TopologyFunction']);
      expect(() => unbundledStack({ fanOutShardCapacity: 0 })).toThrow(/fanOutShardCapacity/);
    });

    it('is one topic, encrypted with the AWS-managed SNS key', () => {
      template.resourceCountIs('AWS::SNS::Topic', 1);
      template.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: { 'Fn::Join': ['', Match.arrayWith([':alias/aws/sns'])] },
      });
    });

    it('refuses publishing without TLS', () => {
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: topicId }],
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 'sns:Publish',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              Resource: { Ref: topicId },
            },
          ],
        },
      });
    });

    it('exposes the published and failed-delivery metrics of the topic', () => {
      const metrics = [stack.fanOutTopic.metricNumberOfMessagesPublished(), stack.fanOutTopic.metricNumberOfNotificationsFailed()];

      expect(metrics.map((m) => `${m.namespace}/${m.metricName}`)).toEqual(['AWS/SNS/NumberOfMessagesPublished', 'AWS/SNS/NumberOfNotificationsFailed']);
    });
  });

  describe('Api function', () => {
    it('runs on nodejs24.x arm64 with 512 MB, a 29 s timeout and the environment the handler reads', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Timeout: 29,
        Environment: {
          Variables: {
            [ApiEnvironment.metadataTable]: { Ref: tableId },
            [ApiEnvironment.queueNamePrefix]: 'Postroom_',
            [ApiEnvironment.fanOutTopicArn]: { Ref: topicId },
            POWERTOOLS_SERVICE_NAME: 'postroom',
            NODE_OPTIONS: '--enable-source-maps',
            [METRIC_RESOURCES_ENV]: Match.anyValue(),
          },
        },
      });
    });

    it('logs to its own log group kept for a month', () => {
      const logGroupId = logicalId(stack.apiFunction.logGroup);

      template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: logGroupId } } });
      template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
      // The API function's, the HTTP API's access logs, the reply-queue sweeper's and the stream lag function's.
      template.resourceCountIs('AWS::Logs::LogGroup', 4);
    });

    it('exposes error, duration and throttle metrics of the function', () => {
      const { apiFunction } = stack;
      const metrics = [apiFunction.metricErrors(), apiFunction.metricDuration(), apiFunction.metricThrottles()];

      expect(metrics.map((m) => `${m.namespace}/${m.metricName}`)).toEqual([
        'AWS/Lambda/Errors',
        'AWS/Lambda/Duration',
        'AWS/Lambda/Throttles',
      ]);
    });
  });

  describe('tracing', () => {
    const xrayStatement = { Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Effect: 'Allow', Resource: '*' };

    it("traces every function with X-Ray, whose role may send the segments", () => {
      const functions = Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Resource>);

      expect(functions.length).toBeGreaterThan(2);
      for (const fn of functions) {
        expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
        expect(fn.Properties.Environment.Variables).not.toHaveProperty('POWERTOOLS_TRACE_ENABLED');
      }
      const roles = new Set(functions.map((fn) => (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]));
      const policies = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>);
      for (const role of roles) {
        const statements = policies.filter((policy) => (policy.Properties.Roles as Array<{ Ref: string }>).some((ref) => ref.Ref === role)).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
        expect(statements, role).toContainEqual(xrayStatement);
      }
    });

    it('turns tracing off with tracing: false: no X-Ray, no permission, and the functions do not load the tracer', () => {
      const untraced = Template.fromStack(unbundledStack({ tracing: false }));
      const functions = Object.values(untraced.findResources('AWS::Lambda::Function') as Record<string, Resource>);

      for (const fn of functions) {
        expect(fn.Properties.TracingConfig).toBeUndefined();
        expect(fn.Properties.Environment.Variables.POWERTOOLS_TRACE_ENABLED).toBe('false');
      }
      expect(statementsOf(untraced)).not.toContainEqual(xrayStatement);
    });
  });

  describe('IAM', () => {
    it('scopes the SQS statement to exactly the queues named with the prefix', () => {
      const resource = new Capture();
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Effect: 'Allow',
              Action: [
                'sqs:CreateQueue',
                'sqs:DeleteQueue',
                'sqs:GetQueueAttributes',
                'sqs:SetQueueAttributes',
                'sqs:GetQueueUrl',
                'sqs:TagQueue',
                'sqs:SendMessage',
                'sqs:ReceiveMessage',
                'sqs:DeleteMessage',
                'sqs:ChangeMessageVisibility',
                'sqs:PurgeQueue',
              ],
              Resource: resource,
            },
          ]),
        },
      });
      expect(resource.asObject()).toEqual({
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':sqs:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':Postroom_*',
          ],
        ],
      });
    });

    it("lets the function publish and subscribe on the topic and unsubscribe its subscriptions, and do the same and create topics under the stack's prefix (the fan-out shards), nothing more", () => {
      const snsStatements = statementsOf(template).filter((s) => actionsOf(s).some((a) => a.startsWith('sns:')));
      const shards = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':Postroom_*']] };

      expect(snsStatements).toEqual([
        { Effect: 'Allow', Action: ['sns:Publish', 'sns:Subscribe'], Resource: { Ref: topicId } },
        { Effect: 'Allow', Action: 'sns:Unsubscribe', Resource: [{ Ref: topicId }, { 'Fn::Join': ['', [{ Ref: topicId }, ':*']] }] },
        { Effect: 'Allow', Action: ['sns:CreateTopic', 'sns:Publish', 'sns:Subscribe', 'sns:Unsubscribe'], Resource: shards },
      ]);
    });

    it("scopes the saga statements to the stack's saga state machines and their executions, but ListStateMachines and task answers", () => {
      const statesStatements = statementsOf(template).filter((s) => actionsOf(s).some((a) => a.startsWith('states:')));
      const arn = (resource: string) => ({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${resource}`]],
      });

      expect(statesStatements).toEqual([
        { Effect: 'Allow', Action: ['states:StartExecution', 'states:ListExecutions'], Resource: arn('stateMachine:Postroom_saga-*') },
        { Effect: 'Allow', Action: ['states:DescribeExecution', 'states:GetExecutionHistory'], Resource: arn('execution:Postroom_saga-*:*') },
        // No resource-level permissions: the function keeps the stack's sagas by name.
        { Effect: 'Allow', Action: 'states:ListStateMachines', Resource: '*' },
        // No resource type in the Service Authorization Reference: the task token is the capability (task-responses.ts).
        { Effect: 'Allow', Action: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], Resource: '*' },
      ]);
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: Match.objectLike({ [ApiEnvironment.sagaStateMachineArnPrefix]: arn('stateMachine:') }) },
      });
    });

    it('allows no wildcard action, and nothing on every resource but ListQueues, ListStateMachines, SendTask*, GetMetricData and X-Ray (per traced function), which have no resource', () => {
      const statements = statementsOf(template);

      expect(statements.flatMap(actionsOf).filter((action) => action.includes('*'))).toEqual([]);
      const sqsOnAnything = statements.filter(
        (s) => actionsOf(s).some((a) => a.startsWith('sqs:')) && [s.Resource].flat().includes('*'),
      );
      expect(sqsOnAnything.flatMap(actionsOf)).toEqual(['sqs:ListQueues']);
      const onAnything = statements.filter((s) => [s.Resource].flat().includes('*'));
      const xray = onAnything.filter((s) => actionsOf(s).every((action) => action.startsWith('xray:')));
      expect(xray).toHaveLength(Object.keys(template.findResources('AWS::Lambda::Function')).length);
      expect(onAnything.filter((s) => !xray.includes(s)).flatMap(actionsOf).sort()).toEqual(['cloudwatch:GetMetricData', 'sqs:ListQueues', 'states:ListStateMachines', 'states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess']);
    });

    it('scopes the table grants to the four tables', () => {
      const dynamoStatements = statementsOf(template).filter((s) =>
        actionsOf(s).some((a) => a.startsWith('dynamodb:')),
      );
      const tables = [tableId, logicalId(stack.streamRecordsTable), logicalId(stack.eventStoreTable), logicalId(stack.idempotencyTable)].map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] }));

      expect(dynamoStatements.length).toBeGreaterThan(0);
      const granted = dynamoStatements.flatMap((statement) => [statement.Resource].flat());
      expect(new Set(granted.map((resource) => JSON.stringify(resource)))).toEqual(new Set(tables.map((table) => JSON.stringify(table))));
    });

    it('writes logs with its own role, without managed policies', () => {
      template.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: { 'Fn::GetAtt': [logicalId(stack.apiFunction.logGroup), 'Arn'] },
            },
          ]),
        },
      });
    });

    it('still reports wildcard grants that nothing acknowledged', () => {
      const other = unbundledStack();
      other.api.grantInvokeApi(new Role(other, 'Caller', { assumedBy: new AccountRootPrincipal() }));

      expect(nagViolations(other)).toEqual([
        expect.stringMatching(/^AwsSolutions-IAM5\[Resource::.*execute-api.*\] at Postroom\/Caller\//),
      ]);
    });
  });

  describe('queue name prefix', () => {
    it('derives the default prefix from the stack name when none is given', () => {
      expect(stack.apiFunction.queueNamePrefix).toBe('Postroom_');
      expect(defaultQueueNamePrefix('Postroom-staging-eu-west-1')).toBe('Postroom-staging-eu_');
      expect(defaultQueueNamePrefix('Broker.v2')).toBe('Brokerv2_');
    });

    it('uses a given prefix for the environment, the SQS policy and the nag acknowledgment', () => {
      const custom = unbundledStack({ queueNamePrefix: 'team_a-' });
      const customTemplate = Template.fromStack(custom);

      customTemplate.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: Match.objectLike({ [ApiEnvironment.queueNamePrefix]: 'team_a-' }) },
      });
      const arns = statementsOf(customTemplate).map((s) => JSON.stringify(s.Resource));
      expect(arns.some((arn) => arn.endsWith(':team_a-*"]]}'))).toBe(true);
      expect(nagViolations(custom)).toEqual([]);
    });

    const badPrefixes = ['', 'has space', 'dots.are.bad', 'a'.repeat(21)];

    it.each(badPrefixes)('throws a clear error when the prefix is %j', (prefix) => {
      expect(() => unbundledStack({ queueNamePrefix: prefix })).toThrow(
        `invalid queueNamePrefix "${prefix}": use 1 to 20 characters from A-Z, a-z, 0-9, "_" and "-"`,
      );
    });
  });
});

describe('Postroom in a stack of your own', () => {
  it('makes the same resources as PostroomStack, without its outputs, and PostroomStack keeps the logical ids of before', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const own = new Stack(app, 'Shop');
    const broker = new Postroom(own, 'Broker', { queueNamePrefix: 'shop_' });
    const stack = new PostroomStack(app, 'Postroom', { queueNamePrefix: 'shop_' });
    const typesOf = (template: Template) => Object.values(template.toJSON().Resources as Record<string, Resource>).map(({ Type }) => Type).sort();

    expect(typesOf(Template.fromStack(own))).toEqual(typesOf(Template.fromStack(stack)));
    expect(Template.fromStack(own).toJSON().Outputs).toBeUndefined();
    expect(logicalId(broker.metadataTable)).toMatch(/^BrokerMetadataTable[0-9A-F]{8}$/);
    // The broker's id in PostroomStack is `Default`, which CDK leaves out of logical ids.
    expect(logicalId(stack.metadataTable)).toMatch(/^MetadataTable[0-9A-F]{8}$/);
  });
});

describe('Postroom with a customer-managed key', () => {
  let template: Template;
  let keyId: string;

  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Keyed');
    const key = new Key(stack, 'Key', { enableKeyRotation: true });
    const broker = new Postroom(stack, 'Broker', { queueNamePrefix: 'keyed_', encryptionKey: key });
    const steps = broker.addQueue('Steps', { queueName: 'steps' });
    broker.addSaga('Saga', { sagaName: 'keyed', steps: [{ name: 'one', action: SagaTarget.queue(steps) }] });
    template = Template.fromStack(stack);
    keyId = logicalId(key);
  });

  it('encrypts the tables and the topic with it, and names it to the functions that create queues', () => {
    expect(Object.keys(template.findResources('AWS::DynamoDB::Table', { Properties: { SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } } } }))).toHaveLength(4);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } } }] },
    });
    const environments = Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Resource>).map((fn) => fn.Properties.Environment?.Variables ?? {});
    const keyed = environments.filter((variables) => ApiEnvironment.queueKmsKeyArn in variables);
    expect(keyed.map((variables) => variables[ApiEnvironment.queueKmsKeyArn])).toEqual([{ 'Fn::GetAtt': [keyId, 'Arn'] }, { 'Fn::GetAtt': [keyId, 'Arn'] }]);
  });

  it('lets the API function, the state machine and SNS (for this account only) use it', () => {
    const usesKey = (statement: Statement) => JSON.stringify(statement.Resource).includes(keyId) && actionsOf(statement).includes('kms:GenerateDataKey*');
    const policies = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>).filter((policy) => (policy.Properties.PolicyDocument.Statement as Statement[]).some(usesKey));
    const roles = policies.flatMap((policy) => policy.Properties.Roles.map((role: { Ref: string }) => role.Ref));
    expect(roles).toEqual(expect.arrayContaining([expect.stringMatching(/^BrokerApiRole/), expect.stringMatching(/^BrokerSagaStateMachineRole/)]));
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'sns.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });
});
