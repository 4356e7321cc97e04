import { describe, expect, it } from 'vitest';
import { permissionsFor, type RecordedCall } from '../../support/iam/call-permissions.ts';

const target = { region: 'us-east-1', account: '123456789012' };
const call = (service: string, operation: string, parameters: Record<string, unknown>): RecordedCall => ({
  role: 'arn:aws:iam::123456789012:role/r',
  session: 'fn',
  service,
  operation,
  parameters,
});
const queueUrl = 'http://127.0.0.1:5000/123456789012/Postroom_orders';
const queueArn = 'arn:aws:sqs:us-east-1:123456789012:Postroom_orders';
const table = (name: string) => `arn:aws:dynamodb:us-east-1:123456789012:table/${name}`;

describe('the IAM permissions of a call', () => {
  it('authorizes batch calls with the single action of their kind', async () => {
    expect(await permissionsFor(call('sqs', 'SendMessageBatch', { QueueUrl: queueUrl }), target)).toEqual([{ action: 'sqs:SendMessage', resource: queueArn }]);
    expect(await permissionsFor(call('sqs', 'DeleteMessageBatch', { QueueUrl: queueUrl }), target)).toEqual([{ action: 'sqs:DeleteMessage', resource: queueArn }]);
    expect(await permissionsFor(call('sqs', 'ChangeMessageVisibilityBatch', { QueueUrl: queueUrl }), target)).toEqual([{ action: 'sqs:ChangeMessageVisibility', resource: queueArn }]);
    const topic = 'arn:aws:sns:us-east-1:123456789012:fan-out';
    expect(await permissionsFor(call('sns', 'PublishBatch', { TopicArn: topic }), target)).toEqual([{ action: 'sns:Publish', resource: topic }]);
  });

  it('authorizes creating a topic on the topic it names', async () => {
    expect(await permissionsFor(call('sns', 'CreateTopic', { Name: 'Postroom_fan-out-1' }), target)).toEqual([
      { action: 'sns:CreateTopic', resource: 'arn:aws:sns:us-east-1:123456789012:Postroom_fan-out-1' },
    ]);
  });

  it('needs sqs:TagQueue too for a queue created with tags', async () => {
    expect(await permissionsFor(call('sqs', 'CreateQueue', { QueueName: 'Postroom_orders', tags: { 'postroom:role': 'queue' } }), target)).toEqual([
      { action: 'sqs:CreateQueue', resource: queueArn },
      { action: 'sqs:TagQueue', resource: queueArn },
    ]);
    expect(await permissionsFor(call('sqs', 'CreateQueue', { QueueName: 'Postroom_orders' }), target)).toEqual([{ action: 'sqs:CreateQueue', resource: queueArn }]);
  });

  it('authorizes each item of a transaction on its own table, and a batch on each table it names', async () => {
    const items = [{ Put: { TableName: 'a' } }, { Update: { TableName: 'b' } }, { Delete: { TableName: 'a' } }, { ConditionCheck: { TableName: 'c' } }];
    expect(await permissionsFor(call('dynamodb', 'TransactWriteItems', { TransactItems: items }), target)).toEqual([
      { action: 'dynamodb:PutItem', resource: table('a') },
      { action: 'dynamodb:UpdateItem', resource: table('b') },
      { action: 'dynamodb:DeleteItem', resource: table('a') },
      { action: 'dynamodb:ConditionCheckItem', resource: table('c') },
    ]);
    expect(await permissionsFor(call('dynamodb', 'BatchWriteItem', { RequestItems: { a: [], b: [] } }), target)).toEqual([
      { action: 'dynamodb:BatchWriteItem', resource: table('a') },
      { action: 'dynamodb:BatchWriteItem', resource: table('b') },
    ]);
  });

  it('names an index when the call queries one, and a stream by its ARN or its iterator', async () => {
    expect(await permissionsFor(call('dynamodb', 'Query', { TableName: 't', IndexName: 'byTime' }), target)).toEqual([{ action: 'dynamodb:Query', resource: `${table('t')}/index/byTime` }]);
    expect(await permissionsFor(call('dynamodb', 'Query', { TableName: 't' }), target)).toEqual([{ action: 'dynamodb:Query', resource: table('t') }]);
    const stream = `${table('t')}/stream/2026-12-01T06:39:58.864993`;
    expect(await permissionsFor(call('dynamodbstreams', 'DescribeStream', { StreamArn: stream }), target)).toEqual([{ action: 'dynamodb:DescribeStream', resource: stream }]);
    // moto's iterators start with the stream's ARN.
    expect(await permissionsFor(call('dynamodbstreams', 'GetRecords', { ShardIterator: `${stream}|1|abc`, Limit: 100 }), target)).toEqual([{ action: 'dynamodb:GetRecords', resource: stream }]);
  });

  it('uses * for actions the Service Authorization Reference gives no resource type, such as task answers', async () => {
    expect(await permissionsFor(call('stepfunctions', 'SendTaskSuccess', { taskToken: 't', output: '{}' }), target)).toEqual([{ action: 'states:SendTaskSuccess', resource: '*' }]);
    expect(await permissionsFor(call('sqs', 'ListQueues', { QueueNamePrefix: 'p' }), target)).toEqual([{ action: 'sqs:ListQueues', resource: '*' }]);
    const execution = 'arn:aws:states:us-east-1:123456789012:execution:Postroom_saga-order:e-1';
    expect(await permissionsFor(call('stepfunctions', 'DescribeExecution', { executionArn: execution }), target)).toEqual([{ action: 'states:DescribeExecution', resource: execution }]);
  });

  it('uses * for an action whose only resource types are optional and not named, such as GetMetricData of classic metrics', async () => {
    const query = { Id: 'q0', MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage' }, Period: 60, Stat: 'Maximum' } };
    expect(await permissionsFor(call('cloudwatch', 'GetMetricData', { MetricDataQueries: [query] }), target)).toEqual([{ action: 'cloudwatch:GetMetricData', resource: '*' }]);
  });

  it('authorizes Lambda Invoke as lambda:InvokeFunction on the function, by name or (qualified) ARN', async () => {
    const fn = 'arn:aws:lambda:us-east-1:123456789012:function:billing';
    expect(await permissionsFor(call('lambda', 'Invoke', { FunctionName: 'billing' }), target)).toEqual([{ action: 'lambda:InvokeFunction', resource: fn }]);
    expect(await permissionsFor(call('lambda', 'Invoke', { FunctionName: `${fn}:live` }), target)).toEqual([{ action: 'lambda:InvokeFunction', resource: `${fn}:live` }]);
  });

  it('authorizes S3 object calls on the object, and a copy as a read of its source and a write of its key', async () => {
    const object = 'arn:aws:s3:::postroom-payloads/payloads/0b3c';
    expect(await permissionsFor(call('s3', 'PutObject', { Bucket: 'postroom-payloads', Key: 'payloads/0b3c' }), target)).toEqual([{ action: 's3:PutObject', resource: object }]);
    expect(await permissionsFor(call('s3', 'HeadObject', { Bucket: 'postroom-payloads', Key: 'payloads/0b3c' }), target)).toEqual([{ action: 's3:GetObject', resource: object }]);
    expect(await permissionsFor(call('s3', 'CopyObject', { Bucket: 'postroom-payloads', Key: 'payloads/0b3c', CopySource: 'other-bucket/payloads/a' }), target)).toEqual([
      { action: 's3:GetObject', resource: 'arn:aws:s3:::other-bucket/payloads/a' },
      { action: 's3:PutObject', resource: object },
    ]);
  });

  it('needs nothing for GetCallerIdentity, and refuses a call it cannot place', async () => {
    expect(await permissionsFor(call('sts', 'GetCallerIdentity', {}), target)).toEqual([]);
    await expect(permissionsFor(call('sqs', 'SendMessage', { MessageBody: 'x' }), target)).rejects.toThrow(/sqs:SendMessage: no resource of type queue/);
    await expect(permissionsFor(call('dynamodb', 'TransactWriteItems', { TransactItems: [{ Upsert: { TableName: 'a' } }] }), target)).rejects.toThrow(/unknown transaction item Upsert/);
  });
});
