import { CreateTopicCommand, PublishBatchCommand, SubscribeCommand, UnsubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';
import { fanOutMessageBytes, filterPolicyFor, TARGETS_ATTRIBUTE, TARGETS_DATA_TYPE, targetsAttributeValue } from '../core/fan-out.ts';
import { shardTopicArn, shardTopicName } from '../core/fan-out-shards.ts';
import { SnsLimits } from '../core/sns-limits.ts';
import { runBatches, type EntryOutcome } from './aws-batch.ts';
import { isSnsNotFoundError } from './aws-errors.ts';

/** A message for one shard's topic: its SQS body, and the target ids of the queues there that must each get a copy. */
export interface FanOutMessage {
  readonly topicArn: string;
  readonly body: string;
  readonly targetIds: readonly string[];
}

export interface SnsFanOutOptions {
  /** The stack's own topic: shard 0. */
  readonly topicArn: string;
  /** The stack's prefix, which the other shards' topic names start with. */
  readonly prefix: string;
  /** The KMS key the stack's topic is encrypted with; undefined: the AWS-managed key for SNS. */
  readonly kmsKeyArn?: string | undefined;
}

/** The AWS-managed key for SNS, as the stack's own topic uses when the stack names no key. */
const AWS_MANAGED_SNS_KEY = 'alias/aws/sns';

/**
 * The SNS topics through which exchange publishes reach their queues (see core/fan-out.ts and
 * core/fan-out-shards.ts): queues subscribe to their shard's topic, publishes go out as
 * PublishBatch calls to each shard they touch.
 */
export class SnsFanOut {
  readonly #sns: SNSClient;
  readonly #options: SnsFanOutOptions;

  constructor(sns: SNSClient, options: SnsFanOutOptions) {
    this.#sns = sns;
    this.#options = options;
  }

  /** The ARN of shard `shard`'s topic (it may not exist yet: see createShard). */
  topicArnOf(shard: number): string {
    return shardTopicArn(this.#options.topicArn, this.#options.prefix, shard);
  }

  /**
   * Creates the topic of shard `shard` (≥ 1) as the stack's own is made: encrypted with the same
   * key, refusing publishes without TLS. CreateTopic answers an existing topic of the same name
   * and attributes with its ARN, so declarations racing to open a shard share one topic.
   * @throws TopicLimitExceededException when the account's topic quota is used up
   */
  async createShard(shard: number): Promise<string> {
    const topicArn = this.topicArnOf(shard);
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowPublishThroughSSLOnly',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: topicArn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    };
    const { TopicArn } = await this.#sns.send(
      new CreateTopicCommand({
        Name: shardTopicName(this.#options.prefix, shard),
        Attributes: { KmsMasterKeyId: this.#options.kmsKeyArn ?? AWS_MANAGED_SNS_KEY, Policy: JSON.stringify(policy) },
      }),
    );
    if (TopicArn === undefined) throw new Error('SNS answered CreateTopic without a TopicArn');
    return TopicArn;
  }

  /**
   * PublishBatch per topic in batches of ≤ 10 entries and ≤ 256 KiB: one call per shard per 10
   * messages, however many queues each reaches there. An ok outcome means SNS has accepted the
   * message for every listed queue. Outcomes are in `messages` order.
   */
  async publish(messages: readonly FanOutMessage[]): Promise<EntryOutcome[]> {
    const byTopic = new Map<string, number[]>();
    messages.forEach(({ topicArn }, index) => byTopic.set(topicArn, [...(byTopic.get(topicArn) ?? []), index]));
    const outcomes = new Array<EntryOutcome>(messages.length);
    await Promise.all(
      [...byTopic].map(async ([topicArn, indexes]) => {
        const published = await this.#publishTo(topicArn, indexes.map((index) => messages[index]!));
        published.forEach((outcome, position) => (outcomes[indexes[position]!] = outcome));
      }),
    );
    return outcomes;
  }

  async #publishTo(topicArn: string, messages: readonly FanOutMessage[]): Promise<EntryOutcome[]> {
    const limits = {
      maxEntries: SnsLimits.maxBatchEntries,
      maxBytes: SnsLimits.maxBatchBytes,
      sizeOf: (index: number) => fanOutMessageBytes(messages[index]!.body, messages[index]!.targetIds),
    };
    return runBatches(messages.length, limits, (indexes) =>
      this.#sns.send(
        new PublishBatchCommand({
          TopicArn: topicArn,
          PublishBatchRequestEntries: indexes.map((index) => ({
            Id: String(index),
            Message: messages[index]!.body,
            MessageAttributes: {
              [TARGETS_ATTRIBUTE]: { DataType: TARGETS_DATA_TYPE, StringValue: targetsAttributeValue(messages[index]!.targetIds) },
            },
          })),
        }),
      ),
    );
  }

  /**
   * Subscribes an SQS queue to `topicArn` for the messages addressed to `targetId`, delivered raw
   * (the SQS body is the envelope itself). SNS answers a repeated subscription with equal
   * attributes with the same ARN, so declaring a queue again repairs a missing subscription
   * without creating a second one.
   */
  async subscribe(topicArn: string, queueArn: string, targetId: string): Promise<string> {
    const { SubscriptionArn } = await this.#sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: queueArn,
        ReturnSubscriptionArn: true,
        Attributes: { RawMessageDelivery: 'true', FilterPolicy: filterPolicyFor(targetId) },
      }),
    );
    if (SubscriptionArn === undefined) throw new Error('SNS answered Subscribe without a SubscriptionArn');
    return SubscriptionArn;
  }

  /** Idempotent: a subscription that is already gone counts as removed. */
  async unsubscribe(subscriptionArn: string): Promise<void> {
    try {
      await this.#sns.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
    } catch (error) {
      if (!isSnsNotFoundError(error)) throw error;
    }
  }
}
