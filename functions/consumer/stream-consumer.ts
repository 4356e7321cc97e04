import type { Context } from 'aws-lambda';
import { idempotentItems, type IdempotencyOptions, type ItemHandler } from './idempotent-items.ts';
import type { MessageHeaders } from './message-format.ts';

/** Where a delivery's records come from. */
export interface StreamDeliveryOrigin {
  readonly stream: string;
  /** The stream's incarnation: a new one when the stream is deleted and declared again, and offsets restart. */
  readonly incarnation: string;
  readonly group: string;
  readonly partition: number;
}

/** A record as readers get it, here as over HTTP (`GET …/records`). */
export interface StreamRecordView {
  readonly offset: number;
  /** null for a keyless record; an empty string is a key. */
  readonly key: string | null;
  /** Any JSON value, null included (a tombstone). */
  readonly value: unknown;
  readonly headers: MessageHeaders;
  /** ISO 8601, UTC: when the record was appended. */
  readonly timestamp: string;
}

/** The event a StreamConsumer's dispatcher invokes the consumer function with: records of one partition, in offset order. */
export interface StreamConsumerEvent extends StreamDeliveryOrigin {
  readonly records: readonly StreamRecordView[];
  /**
   * A projection's read-model generation (Projection consumers only): absent, or 0, until its first
   * rebuild; then the rebuild's, on the replay and on every live delivery after it.
   */
  readonly generation?: number;
}

/** One record of a delivery, with where it comes from. */
export interface PostroomStreamRecord extends StreamRecordView, StreamDeliveryOrigin {}

/** The reply the dispatcher reads: the offsets that failed (it retries from the first). */
export interface StreamConsumerResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

export type StreamConsumerOptions = IdempotencyOptions & {
  /**
   * The key a record is processed once under.
   *
   * @default `${stream}/${incarnation}/${partition}/${offset}`: a stream deleted and declared again
   * restarts its offsets, and its records must not pass for the old ones'
   */
  readonly key?: (record: PostroomStreamRecord) => string;
};

const defaultKey = ({ stream, incarnation, partition, offset }: PostroomStreamRecord): string => `${stream}/${incarnation}/${partition}/${offset}`;

/**
 * A consumer function for a StreamConsumer: runs `processRecord` at most once per key, in offset
 * order. At the first failure it stops and reports that record and the ones after it as failed, so
 * that the dispatcher retries from there and no record overtakes one that failed; the records
 * before it are not run again on the retry, their stored results stand.
 *
 * @example
 * export const handler = postroomStreamConsumer(async (record) => addToLedger(record.value), {
 *   tableName: process.env.IDEMPOTENCY_TABLE!,
 * });
 */
export function postroomStreamConsumer<Result>(
  processRecord: ItemHandler<PostroomStreamRecord, Result>,
  options: StreamConsumerOptions,
): (event: StreamConsumerEvent, context: Context) => Promise<StreamConsumerResponse> {
  const processOnce = idempotentItems(processRecord, options.key ?? defaultKey, options);
  return async ({ stream, incarnation, group, partition, records }, context) => {
    for (const [index, record] of records.entries()) {
      try {
        await processOnce({ ...record, stream, incarnation, group, partition }, context);
      } catch {
        return { batchItemFailures: records.slice(index).map(({ offset }) => ({ itemIdentifier: String(offset) })) };
      }
    }
    return { batchItemFailures: [] };
  };
}
