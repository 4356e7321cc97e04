import { createHash } from 'node:crypto';
import type { SqsQueueNames } from './sqs-queue-names.ts';

/** SQS requires FIFO queue names to end so; a FIFO queue's dead-letter queue must be FIFO too. */
const FIFO_SUFFIX = '.fifo';

/** The names of a FIFO queue and its dead-letter queue: the standard names with `.fifo`. */
export const fifoQueueNames = (names: SqsQueueNames): SqsQueueNames => ({
  ...names,
  queue: `${names.queue}${FIFO_SUFFIX}`,
  deadLetterQueue: `${names.deadLetterQueue}${FIFO_SUFFIX}`,
});

/** Whether the SQS queue is FIFO, told by its URL (its name's suffix, which SQS enforces). */
export const isFifoQueueUrl = (queueUrl: string): boolean => queueUrl.endsWith(FIFO_SUFFIX);

/** The group of a message published straight to a FIFO queue without `groupId`. */
export const DEFAULT_GROUP_ID = 'default';

/** SQS's characters for MessageGroupId and MessageDeduplicationId: alphanumerics and punctuation. */
export const sqsIdPattern = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/;

/**
 * A value as an SQS MessageDeduplicationId or MessageGroupId: itself when SQS allows its characters
 * (so it reads as is), else its SHA-256, since message ids may hold spaces and routing keys anything.
 */
export const sqsIdFor = (value: string): string =>
  sqsIdPattern.test(value) ? value : createHash('sha256').update(value, 'utf8').digest('hex');

/**
 * The group an exchange publish puts a message in on a FIFO queue: its `groupId`, else its routing
 * key, else (an empty routing key, which SQS cannot take) the default group.
 */
export const exchangeGroupId = (groupId: string | undefined, routingKey: string): string =>
  groupId ?? (routingKey === '' ? DEFAULT_GROUP_ID : sqsIdFor(routingKey));
