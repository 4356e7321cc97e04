import { S3Client } from '@aws-sdk/client-s3';
import type { SQSRecord } from 'aws-lambda';
import { restorePayloads } from '../adapters/s3-payloads.ts';
import { isClaimed } from '../core/claim-check.ts';
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

let s3: S3Client | undefined;

/**
 * The message in an SQS record. A body that is not an envelope (sent to the SQS queue directly) is
 * a string body under SQS's message id, as `receive` shows it. A payload too large for SQS is
 * fetched from the broker's payload bucket (the function needs s3:GetObject on it:
 * `broker.payloadBucket.grantRead(fn)`); one whose object is gone fails the record.
 */
export async function postroomMessageOf(record: SQSRecord): Promise<PostroomMessage> {
  const sentAt = Number(record.attributes.SentTimestamp);
  const publishedAt = Number.isFinite(sentAt) ? new Date(sentAt).toISOString() : null;
  const [message] = await restorePayloads((s3 ??= new S3Client({})), [openMessage(record.body, { messageId: record.messageId, publishedAt })]);
  const { payload } = message!;
  if (isClaimed(payload)) throw new Error(`the payload of message ${message!.messageId} is gone from s3://${payload.bodyRef.bucket}/${payload.bodyRef.key} (past the bucket's expiry)`);
  return { ...message!, payload, sqsRecord: record };
}
