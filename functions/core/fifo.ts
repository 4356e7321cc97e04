import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { invalidRequest } from './validation.ts';
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
const sqsIdPattern = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/;

export const groupIdSchema = z.string().check(
  z.regex(sqsIdPattern, { error: 'must be 1 to 128 letters, digits or ASCII punctuation' }),
);

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

/**
 * @throws InvalidRequestError (400) when a message bound for a FIFO queue has `delaySeconds`: SQS delays
 * FIFO messages only by the queue's own delay.
 */
export function assertNoFifoDelays(
  messages: readonly { readonly delaySeconds: number | undefined }[],
  toFifo: (index: number) => boolean,
  pathOf: (index: number) => string,
): void {
  const errors = messages.flatMap((message, index) =>
    message.delaySeconds !== undefined && toFifo(index)
      ? [{ path: pathOf(index), message: 'not allowed on a fifo queue, which SQS delays only as a whole (declare it with delaySeconds)' }]
      : [],
  );
  if (errors.length > 0) throw invalidRequest('request body', errors);
}
