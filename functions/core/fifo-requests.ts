import * as z from 'zod/mini';
import { sqsIdPattern } from './fifo.ts';
import { invalidRequest } from './validation.ts';

// What requests may say about FIFO queues, apart from fifo.ts, which the SQS adapter imports at
// every cold start and so stays free of zod.

export const groupIdSchema = z.string().check(
  z.regex(sqsIdPattern, { error: 'must be 1 to 128 letters, digits or ASCII punctuation' }),
);

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
