import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { physicalName } from '../template/physical-name.ts';
import type { ResourceContext, ResourceProvider } from './resource-provider.ts';

/** The AWS::SNS::Topic properties that are topic attributes of the same name. */
const attributeProperties = ['DisplayName', 'KmsMasterKeyId', 'FifoTopic', 'ContentBasedDeduplication', 'SignatureVersion', 'TracingConfig'] as const;

/**
 * AWS::SNS::Topic, with its attributes. CreateTopic returns the existing topic's ARN for a name that
 * exists, so a second start reuses it. Subscriptions are the application's business (Postroom's
 * queues subscribe at run time); the topic policy (enforceSSL) is not emulated.
 */
export const snsTopic: ResourceProvider = {
  type: 'AWS::SNS::Topic',
  async provision(resource) {
    const fifo = String(resource.property('FifoTopic')) === 'true';
    const topicName =
      (resource.property('TopicName') as string | undefined) ??
      physicalName(resource.stackName, resource.logicalId, { maxLength: 256, suffix: fifo ? '.fifo' : '' });
    const { TopicArn } = await resource.aws.get(SNSClient).send(
      new CreateTopicCommand({ Name: topicName, Attributes: topicAttributes(resource), Tags: resource.property('Tags') as never }),
    );
    // Ref of a topic is its ARN.
    return { physicalId: TopicArn!, attributes: { TopicArn, TopicName: topicName } };
  },
};

/** Topic attributes are strings; numbers and booleans in the template become their text. */
function topicAttributes(resource: ResourceContext): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of attributeProperties) {
    const value = resource.property(name);
    if (value !== undefined) attributes[name] = String(value);
  }
  return attributes;
}
