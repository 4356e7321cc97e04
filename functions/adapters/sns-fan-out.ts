import { PublishBatchCommand, SubscribeCommand, UnsubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';
import { fanOutMessageBytes, filterPolicyFor, TARGETS_ATTRIBUTE, TARGETS_DATA_TYPE, targetsAttributeValue } from '../core/fan-out.ts';
import { SnsLimits } from '../core/sns-limits.ts';
import { runBatches, type EntryOutcome } from './aws-batch.ts';
import { isSnsNotFoundError } from './aws-errors.ts';

/** A message for the topic: its SQS body, and the target ids of the queues that must each get a copy. */
export interface FanOutMessage {
  readonly body: string;
  readonly targetIds: readonly string[];
}

/**
 * The stack's one SNS topic, through which exchange publishes reach their queues (see
 * core/fan-out.ts): queues subscribe to it, publishes go out as PublishBatch calls.
 */
export class SnsFanOut {
  readonly #sns: SNSClient;
  readonly topicArn: string;

  constructor(sns: SNSClient, topicArn: string) {
    this.#sns = sns;
    this.topicArn = topicArn;
  }

  /**
   * PublishBatch in batches of ≤ 10 entries and ≤ 256 KiB: one call per 10 messages, however many
   * queues each reaches. An ok outcome means SNS has accepted the message for every listed queue.
   */
  async publish(messages: readonly FanOutMessage[]): Promise<EntryOutcome[]> {
    const limits = {
      maxEntries: SnsLimits.maxBatchEntries,
      maxBytes: SnsLimits.maxBatchBytes,
      sizeOf: (index: number) => fanOutMessageBytes(messages[index]!.body, messages[index]!.targetIds),
    };
    return runBatches(messages.length, limits, (indexes) =>
      this.#sns.send(
        new PublishBatchCommand({
          TopicArn: this.topicArn,
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
   * Subscribes an SQS queue for the messages addressed to `targetId`, delivered raw (the SQS body is
   * the envelope itself). SNS answers a repeated subscription with equal attributes with the same
   * ARN, so declaring a queue again repairs a missing subscription without creating a second one.
   */
  async subscribe(queueArn: string, targetId: string): Promise<string> {
    const { SubscriptionArn } = await this.#sns.send(
      new SubscribeCommand({
        TopicArn: this.topicArn,
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
