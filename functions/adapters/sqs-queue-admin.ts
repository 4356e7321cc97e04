import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  PurgeQueueCommand,
  SetQueueAttributesCommand,
  type QueueAttributeName,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { sqsMaxReceiveCount, type QueueSettings, type SqsQueueSettings } from '../core/queue-settings.ts';
import type { SqsQueueNames } from '../core/sqs-queue-names.ts';
import { sqsEncryptionAttributes, type SqsEncryptionAttributes } from '../core/sqs-encryption.ts';
import { SqsLimits } from '../core/sqs-limits.ts';
import { isPurgeInProgressError, isQueueMissingError } from './aws-errors.ts';

/** An SQS queue that receives a Postroom queue's messages: the queue itself, or a priority level. */
export interface CreatedQueue {
  readonly queueUrl: string;
  readonly queueArn: string;
}

export interface CreatedQueues extends CreatedQueue {
  readonly deadLetterQueueUrl: string;
  /** The priority levels' queues, level 1 first. */
  readonly levels: readonly CreatedQueue[];
}

/** Approximate counts (SQS's are eventually consistent, lagging by up to a minute). */
export interface MessageCounts {
  readonly ready: number;
  readonly inFlight: number;
  readonly delayed: number;
}

/** The counts of several SQS queues (a queue's priority levels) together. */
export const sumCounts = (counts: readonly MessageCounts[]): MessageCounts => ({
  ready: counts.reduce((sum, { ready }) => sum + ready, 0),
  inFlight: counts.reduce((sum, { inFlight }) => sum + inFlight, 0),
  delayed: counts.reduce((sum, { delayed }) => sum + delayed, 0),
});

/** SQS's largest message size, for every Postroom queue. */
const sizeAttributes = { MaximumMessageSize: String(SqsLimits.maxMessageBytes) } as const;

/** Dead letters are kept as long as SQS allows, so they outlive the messages of any queue. */
const deadLetterRetention = { MessageRetentionPeriod: String(SqsLimits.maxRetentionSeconds) } as const;

/**
 * A FIFO queue (and its dead-letter queue): deduplicated by the id Postroom gives (the message id),
 * never by content, and in high-throughput mode, whose limits apply per message group.
 */
const fifoAttributes = {
  FifoQueue: 'true',
  ContentBasedDeduplication: 'false',
  DeduplicationScope: 'messageGroup',
  FifoThroughputLimit: 'perMessageGroupId',
} as const;

/** A value the SQS API always returns, though its types make it optional. */
function present(value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`SQS answered without a ${what}`);
  return value;
}

/** Creates, inspects and deletes the SQS queues behind Postroom queues. */
export class SqsQueueAdmin {
  readonly #sqs: SQSClient;
  /** Server-side encryption and size, which every Postroom queue shares. */
  readonly #commonAttributes: Readonly<Record<string, string>>;

  constructor(sqs: SQSClient, encryption: SqsEncryptionAttributes = sqsEncryptionAttributes()) {
    this.#sqs = sqs;
    this.#commonAttributes = { ...encryption, ...sizeAttributes };
  }

  /**
   * Creates the dead-letter queue, then the queue and its priority levels' queues (`levelNames`),
   * all with the same attributes and redriving into it after `maxDeliveries` receives (one more
   * with a dead-letter exchange: see sqsMaxReceiveCount); FIFO queues when `settings.fifo` (then
   * `names` must be FIFO names). CreateQueue is idempotent for equal attributes, so repeating this is safe.
   * @throws QueueNameExists when the queue exists with other settings
   */
  async create(
    names: SqsQueueNames,
    settings: QueueSettings,
    tags: Readonly<Record<string, string>>,
    levelNames: readonly string[] = [],
  ): Promise<CreatedQueues> {
    const fifo = settings.fifo ? fifoAttributes : {};
    const deadLetterQueueUrl = await this.#createQueue(names.deadLetterQueue, { ...this.#commonAttributes, ...deadLetterRetention, ...fifo }, {
      ...tags,
      'postroom:role': 'dead-letter-queue',
    });
    const { QueueArn } = await this.#attributes(deadLetterQueueUrl, ['QueueArn']);
    const attributes = {
      ...this.#commonAttributes,
      ...fifo,
      VisibilityTimeout: String(settings.visibilityTimeoutSeconds),
      MessageRetentionPeriod: String(settings.retentionSeconds),
      DelaySeconds: String(settings.delaySeconds),
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: present(QueueArn, 'QueueArn'),
        maxReceiveCount: sqsMaxReceiveCount(settings),
      }),
    };
    const queue = await this.#createReceivingQueue(names.queue, attributes, { ...tags, 'postroom:role': 'queue' });
    const levels = await Promise.all(
      levelNames.map((name) => this.#createReceivingQueue(name, attributes, { ...tags, 'postroom:role': 'priority-level' })),
    );
    return { ...queue, deadLetterQueueUrl, levels };
  }

  /**
   * Lets the SNS topic `topicArn`, and nothing else, send to the queue: the queue policy SNS needs
   * to deliver to a subscribed queue. Setting it again is harmless, so a redeclaration repairs it.
   */
  async allowTopic(queueUrl: string, queueArn: string, topicArn: string): Promise<void> {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PostroomFanOutTopic',
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: queueArn,
          Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
        },
      ],
    };
    await this.#sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { Policy: JSON.stringify(policy) } }));
  }

  /** The settings an existing SQS queue was created with, to explain a conflicting declaration. */
  async settingsOf(sqsName: string): Promise<SqsQueueSettings> {
    const { QueueUrl } = await this.#sqs.send(new GetQueueUrlCommand({ QueueName: sqsName }));
    const attributes = await this.#attributes(present(QueueUrl, 'QueueUrl'), [
      'VisibilityTimeout',
      'MessageRetentionPeriod',
      'DelaySeconds',
      'RedrivePolicy',
    ]);
    const redrive = JSON.parse(attributes.RedrivePolicy ?? '{}') as { maxReceiveCount?: number | string };
    return {
      maxReceiveCount: Number(redrive.maxReceiveCount),
      visibilityTimeoutSeconds: Number(attributes.VisibilityTimeout),
      retentionSeconds: Number(attributes.MessageRetentionPeriod),
      delaySeconds: Number(attributes.DelaySeconds),
    };
  }

  async messageCounts(queueUrl: string): Promise<MessageCounts> {
    const attributes = await this.#attributes(queueUrl, [
      'ApproximateNumberOfMessages',
      'ApproximateNumberOfMessagesNotVisible',
      'ApproximateNumberOfMessagesDelayed',
    ]);
    return {
      ready: Number(attributes.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
      delayed: Number(attributes.ApproximateNumberOfMessagesDelayed ?? 0),
    };
  }

  /**
   * Deletes every message of the queue, in flight and delayed ones too; SQS takes up to 60 seconds
   * to delete them, and may delete messages sent meanwhile. (moto 5.2.5 deletes at once and, like
   * SQS, refuses a second purge within 60 s.)
   * @returns false when the queue was purged less than 60 seconds ago (SQS's PurgeQueueInProgress)
   */
  async purge(queueUrl: string): Promise<boolean> {
    try {
      await this.#sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
      return true;
    } catch (error) {
      if (isPurgeInProgressError(error)) return false;
      throw error;
    }
  }

  /** Idempotent: deleting a queue that is already gone succeeds, so an interrupted delete can be repeated. */
  async delete(queueUrl: string): Promise<void> {
    try {
      await this.#sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    } catch (error) {
      if (!isQueueMissingError(error)) throw error;
    }
  }

  async #createReceivingQueue(name: string, attributes: Record<string, string>, tags: Record<string, string>): Promise<CreatedQueue> {
    const queueUrl = await this.#createQueue(name, attributes, tags);
    const { QueueArn } = await this.#attributes(queueUrl, ['QueueArn']);
    return { queueUrl, queueArn: present(QueueArn, 'QueueArn') };
  }

  async #createQueue(name: string, attributes: Record<string, string>, tags: Record<string, string>): Promise<string> {
    const { QueueUrl } = await this.#sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes, tags }));
    return present(QueueUrl, 'QueueUrl');
  }

  async #attributes(queueUrl: string, names: QueueAttributeName[]): Promise<Partial<Record<string, string>>> {
    const { Attributes = {} } = await this.#sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: names }),
    );
    return Attributes;
  }
}
