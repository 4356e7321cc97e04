import { BatchProcessor, EventType, processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
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
  const processRecord = async (record: SQSRecord, context: Context) => processOnce(await postroomMessageOf(record), context);
  return (event, context) =>
    options.fifo
      ? processPartialResponse(event, processRecord, new SqsFifoPartialProcessorAsync(), { context, skipGroupOnError: true })
      : processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), { context });
}
