import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { physicalName } from '../template/physical-name.ts';
import type { ResourceContext, ResourceProvider } from './resource-provider.ts';

/** The AWS::SQS::Queue properties that are queue attributes of the same name. */
const attributeProperties = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
  'RedrivePolicy',
  'RedriveAllowPolicy',
] as const;

/** AWS::SQS::Queue, with its attributes; a RedrivePolicy's target queue is created first (dependency order). */
export const sqsQueue: ResourceProvider = {
  type: 'AWS::SQS::Queue',
  async provision(resource) {
    const fifo = String(resource.property('FifoQueue')) === 'true';
    const queueName =
      (resource.property('QueueName') as string | undefined) ??
      physicalName(resource.stackName, resource.logicalId, { maxLength: 80, suffix: fifo ? '.fifo' : '' });
    const attributes = queueAttributes(resource);
    const client = resource.aws.get(SQSClient);
    const queueUrl = await createOrUpdate(client, queueName, attributes, tagsOf(resource));
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
    return { physicalId: queueUrl, attributes: { Arn: Attributes?.QueueArn, QueueName: queueName, QueueUrl: queueUrl } };
  },
};

async function createOrUpdate(client: SQSClient, queueName: string, attributes: Record<string, string>, tags: Record<string, string> | undefined): Promise<string> {
  try {
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: queueName, Attributes: attributes, tags }));
    return QueueUrl!;
  } catch (error) {
    // CreateQueue is idempotent for identical attributes; an existing queue whose attributes
    // changed since the last start is brought up to date instead.
    if ((error as Error).name !== 'QueueNameExists') throw error;
    const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: queueName }));
    const { FifoQueue: _immutable, ...mutable } = attributes;
    await client.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: mutable }));
    return QueueUrl!;
  }
}

/** Queue attributes are strings; policies are JSON documents in the template and strings in the API. */
function queueAttributes(resource: ResourceContext): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of attributeProperties) {
    const value = resource.property(name);
    if (value === undefined) continue;
    attributes[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return attributes;
}

function tagsOf(resource: ResourceContext): Record<string, string> | undefined {
  const tags = resource.property('Tags') as Array<{ Key: string; Value: string }> | undefined;
  return tags && Object.fromEntries(tags.map(({ Key, Value }) => [Key, Value]));
}
