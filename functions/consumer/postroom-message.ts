import type { SQSRecord } from 'aws-lambda';
import { openMessage, type OpenedMessage } from '../core/envelope.ts';

/** A message from a Postroom queue as the consumer's handler gets it: its envelope, opened. */
export interface PostroomMessage extends OpenedMessage {
  /** The SQS record it came in, for SQS's attributes (ApproximateReceiveCount, SentTimestamp, MessageGroupId). */
  readonly sqsRecord: SQSRecord;
}

/**
 * The message in an SQS record. A body that is not an envelope (sent to the SQS queue directly) is
 * a string body under SQS's message id, as `receive` shows it.
 */
export function postroomMessageOf(record: SQSRecord): PostroomMessage {
  const sentAt = Number(record.attributes.SentTimestamp);
  const publishedAt = Number.isFinite(sentAt) ? new Date(sentAt).toISOString() : null;
  return { ...openMessage(record.body, { messageId: record.messageId, publishedAt }), sqsRecord: record };
}
