import type { QueueRecord } from '../../../adapters/queue-registry.ts';
import { sumCounts, type SqsQueueAdmin } from '../../../adapters/sqs-queue-admin.ts';
import { levelQueueUrls } from './queue-levels.ts';

/**
 * A queue's message counts as `GET /v1/queues/{name}` shows them: SQS's approximate counts of all
 * its priority levels together, and its dead letters. One GetQueueAttributes per level and one for
 * the dead-letter queue (SQS has no batch form), all at once.
 */
export async function queueCounts(queue: QueueRecord, admin: SqsQueueAdmin) {
  const [levelCounts, deadLetterCounts] = await Promise.all([
    Promise.all(levelQueueUrls(queue).map((queueUrl) => admin.messageCounts(queueUrl))),
    admin.messageCounts(queue.deadLetterQueueUrl),
  ]);
  return { ...sumCounts(levelCounts), deadLetters: deadLetterCounts.ready };
}
