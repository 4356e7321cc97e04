/**
 * `postroom/consumer`: helpers for users' own Lambda functions. Idempotent consumers: each SQS message of a Postroom
 * queue, or record of a stream delivery, is processed at most once per key, and failures are
 * reported as partial batch failures (Powertools' idempotency and batch utilities). Saga workers:
 * a step queue's task messages run the step and answer the saga's task. Projections: an event
 * store's log folded into a read-model table, each event once; upcasters lift old event versions.
 * Transactional outbox: messages written in the transaction of a state change, relayed by PostroomOutbox.
 */
export { postroomSqsConsumer, type SqsConsumerOptions } from './sqs-consumer.ts';
export {
  postroomStreamConsumer,
  type PostroomStreamRecord,
  type StreamConsumerEvent,
  type StreamDeliveryOrigin,
  type StreamRecordView,
  type StreamConsumerOptions,
  type StreamConsumerResponse,
} from './stream-consumer.ts';
export type { PostroomMessage } from './postroom-message.ts';
export type { DeathEntry, HeaderValue, MessageHeaders, MessagePayload, MessageProperties } from './message-format.ts';
export type { IdempotencyOptions, IdempotencyStoreOptions, ItemHandler } from './idempotent-items.ts';
export { answerLater, sagaWorker, type SagaPhaseHandler, type SagaTaskMessage, type SagaWorkerOptions } from './saga-worker.ts';
export {
  appliedVersionAttribute,
  postroomProjection,
  type LoggedEvent,
  type ProjectionOptions,
  type ProjectionUpdate,
  type ReadModel,
  type ReadModelKey,
  type Upcaster,
  type Upcasters,
} from './projection.ts';
export { upcast } from '../core/event-store/upcasting.ts';
export { outboxWrite, OUTBOX_ATTRIBUTE, type OutboxEntry, type OutboxMessage, type OutboxWriteOptions } from './outbox.ts';
