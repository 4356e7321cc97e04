import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, paginateListQueues, type SQSClient } from '@aws-sdk/client-sqs';
import { isReplyQueueName, REPLY_QUEUE_RETENTION_SECONDS, replyQueueName, replyQueueNamePrefix } from '../core/request-reply.ts';
import { sqsEncryptionAttributes, type SqsEncryptionAttributes } from '../core/sqs-encryption.ts';
import { isQueueMissingError } from './aws-errors.ts';

/**
 * The temporary SQS queues request-reply callers wait on, one per call (receiving, sending and
 * deleting go through SqsMessages and SqsQueueAdmin like any queue's); the reply-queue sweeper
 * finds the ones crashed callers left behind through it too.
 */
export class SqsReplyQueues {
  readonly #sqs: SQSClient;
  readonly #prefix: string;
  readonly #encryption: SqsEncryptionAttributes;
  /** `https://…/<account>/`: every queue URL of this account and region starts with it. */
  #urlBase: string | undefined;

  /** `encryption`: as the stack's other queues, since replies are messages too. */
  constructor(sqs: SQSClient, queueNamePrefix: string, encryption: SqsEncryptionAttributes = sqsEncryptionAttributes()) {
    this.#sqs = sqs;
    this.#prefix = queueNamePrefix;
    this.#encryption = encryption;
  }

  /** Creates the reply queue of `address` (one CreateQueue) and answers its URL. */
  async create(address: string): Promise<string> {
    const name = replyQueueName(this.#prefix, address);
    const { QueueUrl } = await this.#sqs.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: { ...this.#encryption, MessageRetentionPeriod: String(REPLY_QUEUE_RETENTION_SECONDS) },
        // Tagged so that queues a crashed container left behind can be found and removed.
        tags: { 'postroom:role': 'rpc-reply-queue' },
      }),
    );
    if (QueueUrl === undefined) throw new Error('SQS answered CreateQueue without a QueueUrl');
    return this.#remember(QueueUrl, name);
  }

  /**
   * The URL of the reply queue of `address`, built from a URL this container has seen; a container
   * that has seen none asks SQS once (GetQueueUrl), and so learns the URL of every later one.
   * @throws QueueDoesNotExist when SQS is asked and the queue is gone
   */
  async urlOf(address: string): Promise<string> {
    const name = replyQueueName(this.#prefix, address);
    if (this.#urlBase !== undefined) return `${this.#urlBase}${name}`;
    const { QueueUrl } = await this.#sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    if (QueueUrl === undefined) throw new Error('SQS answered GetQueueUrl without a QueueUrl');
    return this.#remember(QueueUrl, name);
  }

  /**
   * The URLs of the stack's reply queues, a page (up to 1,000) at a time: ListQueues by name prefix.
   * A queue whose name merely starts like one (`<prefix>rpc-…`) is left out, so it is never taken for one.
   */
  async *listPages(): AsyncGenerator<string[]> {
    const pages = paginateListQueues({ client: this.#sqs, pageSize: 1000 }, { QueueNamePrefix: replyQueueNamePrefix(this.#prefix) });
    for await (const { QueueUrls = [] } of pages) {
      yield QueueUrls.filter((queueUrl) => isReplyQueueName(this.#prefix, queueUrl.slice(queueUrl.lastIndexOf('/') + 1)));
    }
  }

  /** When the queue at `queueUrl` was created, in epoch seconds (SQS's CreatedTimestamp); undefined once it is gone. */
  async createdAt(queueUrl: string): Promise<number | undefined> {
    try {
      const { Attributes } = await this.#sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['CreatedTimestamp'] }));
      if (Attributes?.CreatedTimestamp === undefined) throw new Error('SQS answered GetQueueAttributes without a CreatedTimestamp');
      return Number(Attributes.CreatedTimestamp);
    } catch (error) {
      if (isQueueMissingError(error)) return undefined;
      throw error;
    }
  }

  #remember(queueUrl: string, name: string): string {
    if (queueUrl.endsWith(`/${name}`)) this.#urlBase = queueUrl.slice(0, -name.length);
    return queueUrl;
  }
}
