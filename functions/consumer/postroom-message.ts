import type { SQSRecord } from 'aws-lambda';
import { openMessage } from '../core/envelope.ts';
import type { MessageHeaders, MessagePayload, MessageProperties } from './message-format.ts';

/** A message from a Postroom queue as the consumer's handler gets it: its envelope, opened. */
export interface PostroomMessage {
  /** The id it was published with (or SQS's, for a message sent to the SQS queue directly). */
  readonly messageId: string;
  /** ISO 8601, UTC; null when unknown. */
  readonly publishedAt: string | null;
  readonly headers: MessageHeaders;
  readonly payload: MessagePayload;
  /** Empty unless the message was published through an exchange. */
  readonly properties: MessageProperties;
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
