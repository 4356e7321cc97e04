import { BatchProcessor, EventType, processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { ConsumerMetrics, type ConsumerMetricsOptions } from './consumer-metrics.ts';
import { idempotentItems, type IdempotencyOptions, type ItemHandler } from './idempotent-items.ts';
import { postroomMessageOf, type PostroomMessage } from './postroom-message.ts';

export type SqsConsumerOptions = IdempotencyOptions & {
  /**
   * The key a message is processed once under, e.g. a business id from its body or headers.
   *
   * @default the message's `messageId`
   */
  readonly key?: (message: PostroomMessage) => string;
  /**
   * The queue is FIFO: records are processed one at a time in order, and a failure fails the
   * records of its message group after it, so that none overtakes it; other groups go on
   * (Powertools' SqsFifoPartialProcessorAsync with `skipGroupOnError`).
   *
   * @default false (records are processed concurrently)
   */
  readonly fifo?: boolean;
  /**
   * Writes what the function does as CloudWatch embedded metric format to its log (no AWS call):
   * `QueueConsumed`, `QueueConsumeFailures`, `QueueConsumeRedeliveries` and `QueueConsumeLatency`
   * (publish → processed, ms) in namespace `Postroom`, broker-wide and for this queue. `broker` is
   * the broker's queue name prefix (`Postroom.queueNamePrefix`), `queue` the Postroom queue's name.
   *
   * @default no metrics
   */
  readonly metrics?: ConsumerMetricsOptions;
};

/**
 * A Lambda handler for an SQS event source on a Postroom queue (use it as is, or wrap it with
 * middy). Each record's envelope is opened and `processMessage` runs at most once per key: a
 * redelivered message whose processing completed gets the stored result without running it again.
 * Records that failed, including duplicates still being processed elsewhere, come back as
 * `batchItemFailures` (enable ReportBatchItemFailures on the event source); if every record failed,
 * it throws, as Powertools does, so that Lambda retries the batch.
 *
 * @example
 * export const handler = postroomSqsConsumer(async (message) => chargeOrder(message.payload), {
 *   tableName: process.env.IDEMPOTENCY_TABLE!,
 * });
 */
export function postroomSqsConsumer<Result>(
  processMessage: ItemHandler<PostroomMessage, Result>,
  options: SqsConsumerOptions,
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const processOnce = idempotentItems(processMessage, options.key ?? ((message) => message.messageId), options);
  const metrics = options.metrics && new ConsumerMetrics(options.metrics);
  const processRecord = async (record: SQSRecord, context: Context) => {
    const message = await postroomMessageOf(record);
    try {
      const result = await processOnce(message, context);
      metrics?.settled(message, true, Date.now());
      return result;
    } catch (error) {
      metrics?.settled(message, false, Date.now());
      throw error;
    }
  };
  return async (event, context) => {
    try {
      return await (options.fifo
        ? processPartialResponse(event, processRecord, new SqsFifoPartialProcessorAsync(), { context, skipGroupOnError: true })
        : processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), { context }));
    } finally {
      metrics?.flush();
    }
  };
}
