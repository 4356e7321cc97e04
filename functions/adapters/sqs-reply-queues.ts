import { CreateQueueCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { REPLY_QUEUE_RETENTION_SECONDS, replyQueueName } from '../core/request-reply.ts';

/**
 * The temporary SQS queues request-reply callers wait on, one per call (receiving, sending and
 * deleting go through SqsMessages and SqsQueueAdmin like any queue's).
 */
export class SqsReplyQueues {
  readonly #sqs: SQSClient;
  readonly #prefix: string;
  /** `https://…/<account>/`: every queue URL of this account and region starts with it. */
  #urlBase: string | undefined;

  constructor(sqs: SQSClient, queueNamePrefix: string) {
    this.#sqs = sqs;
    this.#prefix = queueNamePrefix;
  }

  /** Creates the reply queue of `address` (one CreateQueue) and answers its URL. */
  async create(address: string): Promise<string> {
    const name = replyQueueName(this.#prefix, address);
    const { QueueUrl } = await this.#sqs.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: { SqsManagedSseEnabled: 'true', MessageRetentionPeriod: String(REPLY_QUEUE_RETENTION_SECONDS) },
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

  #remember(queueUrl: string, name: string): string {
    if (queueUrl.endsWith(`/${name}`)) this.#urlBase = queueUrl.slice(0, -name.length);
    return queueUrl;
  }
}
