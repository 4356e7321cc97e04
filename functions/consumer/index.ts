/**
 * Idempotent consumers for users' own Lambda functions: each SQS message of a Postroom queue, or
 * record of a stream delivery, is processed at most once per key, and failures are reported as
 * partial batch failures. Built on Powertools' idempotency and batch utilities.
 */
export { postroomSqsConsumer, type SqsConsumerOptions } from './sqs-consumer.ts';
export {
  postroomStreamConsumer,
  type PostroomStreamRecord,
  type StreamConsumerEvent,
  type StreamConsumerOptions,
  type StreamConsumerResponse,
} from './stream-consumer.ts';
export type { PostroomMessage } from './postroom-message.ts';
export type { IdempotencyOptions, IdempotencyStoreOptions, ItemHandler } from './idempotent-items.ts';
