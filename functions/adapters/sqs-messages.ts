import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { DEFAULT_GROUP_ID, isFifoQueueUrl } from '../core/fifo.ts';
import { SqsLimits, sqsMessageBytes } from '../core/sqs-limits.ts';
import { runBatches, type EntryOutcome } from './aws-batch.ts';

/** A message to send; `attributes` become SQS message attributes (numbers as `Number`). */
export interface SqsOutgoingMessage {
  readonly body: string;
  readonly delaySeconds?: number | undefined;
  readonly attributes?: Readonly<Record<string, string | number>>;
  /** FIFO queues only: the message group, DEFAULT_GROUP_ID when absent. */
  readonly groupId?: string | undefined;
  /** FIFO queues only: SQS stores one message per id in 5 minutes; a fresh one when absent. */
  readonly deduplicationId?: string | undefined;
}

/** A message as received from SQS. */
export interface SqsDelivery {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  /** ApproximateReceiveCount: 1 on the first delivery. */
  readonly receiveCount: number;
  /** When SQS accepted the message (ISO 8601), if it said. */
  readonly sentAt: string | null;
  /** String values of the message attributes, when they were asked for. */
  readonly attributes: Readonly<Record<string, string>>;
  /** The message group, on a FIFO queue. */
  readonly groupId?: string;
}

export interface ReceiveOptions {
  readonly maxMessages: number;
  readonly waitSeconds: number;
  readonly visibilityTimeoutSeconds?: number | undefined;
  readonly withAttributes?: boolean;
  /** Ends the long poll early: the receive then rejects with an AbortError. */
  readonly abortSignal?: AbortSignal | undefined;
}

const toMessageAttributes = (attributes: Readonly<Record<string, string | number>>) =>
  Object.fromEntries(
    Object.entries(attributes).map(([name, value]): [string, MessageAttributeValue] => [
      name,
      { DataType: typeof value === 'number' ? 'Number' : 'String', StringValue: String(value) },
    ]),
  );

/** Sends, receives, deletes and hides messages of SQS queues, batching by SQS's limits. */
export class SqsMessages {
  readonly #sqs: SQSClient;

  constructor(sqs: SQSClient) {
    this.#sqs = sqs;
  }

  /**
   * SendMessageBatch in batches of ≤ 10 entries and ≤ 1 MiB. To a FIFO queue, which needs every
   * entry's group and deduplication id, the batches go one after another to keep their order.
   */
  async send(queueUrl: string, messages: readonly SqsOutgoingMessage[]): Promise<EntryOutcome[]> {
    const fifo = isFifoQueueUrl(queueUrl);
    const limits = {
      maxEntries: SqsLimits.maxBatchEntries,
      maxBytes: SqsLimits.maxBatchBytes,
      sizeOf: (index: number) => sqsMessageBytes(messages[index]!.body, messages[index]!.attributes),
    };
    // Fixed before the first attempt, so that SQS drops a retried entry it already stored.
    const deduplicationIds = fifo ? messages.map((message) => message.deduplicationId ?? randomUUID()) : [];
    return runBatches(
      messages.length,
      limits,
      (indexes) =>
        this.#sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: indexes.map((index) => {
              const { body, delaySeconds, attributes, groupId } = messages[index]!;
              return {
                Id: String(index),
                MessageBody: body,
                DelaySeconds: delaySeconds,
                MessageAttributes: attributes && toMessageAttributes(attributes),
                ...(fifo && { MessageGroupId: groupId ?? DEFAULT_GROUP_ID, MessageDeduplicationId: deduplicationIds[index] }),
              };
            }),
          }),
        ),
      { ordered: fifo },
    );
  }

  async receive(queueUrl: string, options: ReceiveOptions): Promise<SqsDelivery[]> {
    const { Messages = [] } = await this.#sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: options.maxMessages,
        WaitTimeSeconds: options.waitSeconds,
        VisibilityTimeout: options.visibilityTimeoutSeconds,
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp', 'MessageGroupId'],
        MessageAttributeNames: options.withAttributes ? ['All'] : undefined,
      }),
      { abortSignal: options.abortSignal },
    );
    return Messages.map((message) => {
      const sentTimestamp = Number(message.Attributes?.SentTimestamp);
      const groupId = message.Attributes?.MessageGroupId;
      return {
        messageId: message.MessageId ?? '',
        receiptHandle: message.ReceiptHandle ?? '',
        body: message.Body ?? '',
        receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 1),
        sentAt: Number.isFinite(sentTimestamp) ? new Date(sentTimestamp).toISOString() : null,
        attributes: Object.fromEntries(
          Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue ?? '']),
        ),
        ...(groupId !== undefined && { groupId }),
      };
    });
  }

  /** DeleteMessageBatch in batches of 10. */
  async delete(queueUrl: string, receiptHandles: readonly string[]): Promise<EntryOutcome[]> {
    return runBatches(receiptHandles.length, { maxEntries: SqsLimits.maxBatchEntries }, (indexes) =>
      this.#sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: indexes.map((index) => ({ Id: String(index), ReceiptHandle: receiptHandles[index] })),
        }),
      ),
    );
  }

  /** ChangeMessageVisibilityBatch in batches of 10: each message becomes visible after its `seconds`. */
  async changeVisibility(
    queueUrl: string,
    changes: readonly { readonly receiptHandle: string; readonly seconds: number }[],
  ): Promise<EntryOutcome[]> {
    return runBatches(changes.length, { maxEntries: SqsLimits.maxBatchEntries }, (indexes) =>
      this.#sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: queueUrl,
          Entries: indexes.map((index) => ({
            Id: String(index),
            ReceiptHandle: changes[index]!.receiptHandle,
            VisibilityTimeout: changes[index]!.seconds,
          })),
        }),
      ),
    );
  }
}
