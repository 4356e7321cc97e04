import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import { ArnFormat, Stack } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Alias, type IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** The AWS-managed key for SNS: encryption at rest without a customer key to pay for and manage. */
const AWS_MANAGED_SNS_KEY = 'alias/aws/sns';

/** What other constructs need of the fan-out topic. */
export interface IFanOutTopic {
  readonly topicArn: string;
  /**
   * Lets `grantee` publish to the topic and subscribe and unsubscribe queues, and do the same on
   * the fan-out shards' topics, which it creates, under `shardPrefix` (the stack's queue-name prefix).
   */
  grantFanOut(grantee: IGrantable, shardPrefix: string): Grant;
}

export interface FanOutTopicProps {
  /**
   * The customer-managed key the topic is encrypted with.
   *
   * @default - the AWS-managed key for SNS (`alias/aws/sns`)
   */
  readonly masterKey?: IKey;
}

/**
 * The SNS topic through which exchange publishes reach their queues: fan-out shard 0. Postroom
 * queues subscribe to it at run time with a filter policy on their own target id, and every publish
 * lists the ids of the queues it was routed to, so one publish serves any number of queues. SNS
 * allows 200 filter policies per topic by default, so once this one is full the broker creates
 * further shards' topics, named `<prefix>fan-out-<n>`, encrypted and TLS-only like this one
 * (functions/core/fan-out-shards.ts). Encrypted at rest; refuses requests that do not use TLS.
 */
export class FanOutTopic extends Construct implements IFanOutTopic {
  readonly topic: Topic;
  readonly #customerKey: IKey | undefined;

  constructor(scope: Construct, id: string, props: FanOutTopicProps = {}) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      masterKey: props.masterKey ?? Alias.fromAliasName(this, 'AwsManagedKey', AWS_MANAGED_SNS_KEY),
      enforceSSL: true,
    });
    this.#customerKey = props.masterKey;
  }

  get topicArn(): string {
    return this.topic.topicArn;
  }

  /**
   * What the broker does with the topic: publish, subscribe queues and unsubscribe them. The
   * Service Authorization Reference defines no SNS resource type for subscriptions, so Unsubscribe
   * is allowed on the topic and on the subscription ARNs under it (`<topic ARN>:<id>`).
   */
  grantFanOut(grantee: IGrantable, shardPrefix: string): Grant {
    // `*` matches `:` too, so the shards' pattern covers their subscriptions (`<topic ARN>:<id>`).
    const shards = Stack.of(this).formatArn({ service: 'sns', resource: `${shardPrefix}*`, arnFormat: ArnFormat.NO_RESOURCE_NAME });
    const grant = Grant.addToPrincipal({ grantee, actions: ['sns:Publish', 'sns:Subscribe'], resourceArns: [this.topicArn] })
      .combine(Grant.addToPrincipal({ grantee, actions: ['sns:Unsubscribe'], resourceArns: [this.topicArn, this.subscriptionsArn] }))
      .combine(Grant.addToPrincipal({ grantee, actions: ['sns:CreateTopic', 'sns:Publish', 'sns:Subscribe', 'sns:Unsubscribe'], resourceArns: [shards] }));
    // Publishing to a topic under a customer-managed key needs that key (the AWS-managed one grants itself).
    const key = this.#customerKey;
    return key ? grant.combine(key.grant(grantee, 'kms:Decrypt', 'kms:GenerateDataKey*')) : grant;
  }

  /** The ARNs of the topic's subscriptions. */
  get subscriptionsArn(): string {
    return `${this.topicArn}:*`;
  }

  /** Messages published to the topic (each PublishBatch entry counts). */
  metricNumberOfMessagesPublished(props?: MetricOptions): Metric {
    return this.topic.metricNumberOfMessagesPublished(props);
  }

  /** Deliveries to queues that SNS gave up on: a queue's policy or encryption no longer lets the topic in. */
  metricNumberOfNotificationsFailed(props?: MetricOptions): Metric {
    return this.topic.metricNumberOfNotificationsFailed(props);
  }
}
