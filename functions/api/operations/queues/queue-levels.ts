import type { EntryOutcome } from '../../../adapters/aws-batch.ts';
import type { QueueRecord } from '../../../adapters/queue-registry.ts';

/** The SQS queue URL of each priority level of a queue, level 0 (the queue itself) first. */
export const levelQueueUrls = (queue: QueueRecord): string[] => [queue.queueUrl, ...(queue.priorityLevels ?? []).map((level) => level.queueUrl)];

/** The fan-out subscription of each priority level of a queue, level 0 first; none for a FIFO queue. */
export const levelSubscriptionArns = (queue: QueueRecord): string[] =>
  [queue.subscriptionArn, ...(queue.priorityLevels ?? []).map((level) => level.subscriptionArn)].filter((arn) => arn !== undefined);

/**
 * The queue as operations on one of its priority levels see it: the level's SQS queue in place of
 * the queue's own (the dead-letter queue is shared). Undefined for a level the queue does not have.
 */
export function atLevel(queue: QueueRecord, level: number): QueueRecord | undefined {
  const queueUrl = levelQueueUrls(queue)[level];
  return queueUrl === undefined ? undefined : { ...queue, queueUrl };
}

const noSuchLevel: EntryOutcome = { ok: false, code: 'NoSuchPriorityLevel', message: 'the queue has no such priority level', senderFault: true };

/**
 * Runs `handle` once per priority level on the items of that level (in their order), and answers
 * one outcome per item in the original order; items of a level the queue lacks fail.
 */
export async function perLevel<T>(
  queue: QueueRecord,
  items: readonly T[],
  levelOf: (item: T) => number,
  handle: (levelQueue: QueueRecord, items: T[]) => Promise<readonly EntryOutcome[]>,
): Promise<EntryOutcome[]> {
  const byLevel = Map.groupBy(items.keys(), (index) => levelOf(items[index]!));
  const outcomes: EntryOutcome[] = items.map(() => noSuchLevel);
  await Promise.all(
    [...byLevel].map(async ([level, indexes]) => {
      const levelQueue = atLevel(queue, level);
      if (levelQueue === undefined) return;
      const results = await handle(levelQueue, indexes.map((index) => items[index]!));
      indexes.forEach((index, position) => {
        outcomes[index] = results[position]!;
      });
    }),
  );
  return outcomes;
}
