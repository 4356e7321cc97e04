import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ReadRecord } from '../core/streams/read-slice.ts';
import { consumerEvent, type DeliveryOrigin } from './consumer-invoker.ts';

/**
 * The dead-letter queue of a push consumer: one message per record that failed `maxAttempts`
 * deliveries, the consumer's event for that record alone plus why and how often it failed, so that
 * it can be fed to the function again as it is.
 */
export class ConsumerDeadLetters {
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;

  constructor(sqs: SQSClient, queueUrl: string) {
    this.#sqs = sqs;
    this.#queueUrl = queueUrl;
  }

  async send(origin: DeliveryOrigin, record: ReadRecord, attempts: number, error: string, at: Date): Promise<void> {
    const body = { ...consumerEvent(origin, [record]), attempts, error, failedAt: at.toISOString() };
    await this.#sqs.send(new SendMessageCommand({ QueueUrl: this.#queueUrl, MessageBody: JSON.stringify(body) }));
  }
}
