import type { SQSClient } from '@aws-sdk/client-sqs';
import { SqsQueueAdmin } from '../adapters/sqs-queue-admin.ts';
import { SqsReplyQueues } from '../adapters/sqs-reply-queues.ts';
import { mapWithConcurrency } from '../core/concurrency.ts';
import { isOrphanedReplyQueue } from '../core/request-reply.ts';

/** Queues looked at in parallel: enough to hide round trips, far below SQS's request rates. */
const SWEEP_CONCURRENCY = 10;

export interface SweepOptions {
  readonly sqs: SQSClient;
  /** The stack's queue-name prefix: only its reply queues are looked at. */
  readonly queueNamePrefix: string;
  /** The time (epoch ms) the queues' ages are measured at. */
  readonly now: number;
}

export interface SweepSummary {
  /** Reply queues listed. */
  readonly examined: number;
  /** Of those, the orphaned ones deleted. */
  readonly deleted: number;
}

/**
 * Deletes the stack's reply queues that a caller left behind when it was killed mid-wait (its
 * `finally` never ran): those older than any call lasts (isOrphanedReplyQueue). A queue that is
 * gone by the time it is looked at (its call ended, or another sweep was first) is skipped, and
 * deleting one that is gone succeeds, so sweeps may overlap.
 */
export async function sweepReplyQueues({ sqs, queueNamePrefix, now }: SweepOptions): Promise<SweepSummary> {
  const replyQueues = new SqsReplyQueues(sqs, queueNamePrefix);
  const admin = new SqsQueueAdmin(sqs);
  let examined = 0;
  let deleted = 0;
  for await (const page of replyQueues.listPages()) {
    examined += page.length;
    await mapWithConcurrency(page, SWEEP_CONCURRENCY, async (queueUrl) => {
      const createdAt = await replyQueues.createdAt(queueUrl);
      if (createdAt === undefined || !isOrphanedReplyQueue(createdAt, now)) return;
      await admin.delete(queueUrl);
      deleted++;
    });
  }
  return { examined, deleted };
}
