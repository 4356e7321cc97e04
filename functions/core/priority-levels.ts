/**
 * Queue priorities on SQS, which has none: a queue declared with `maxPriority` n is n + 1 SQS
 * queues, one per level 0..n (level 0 is the queue's own SQS queue). A message goes to the level
 * of its priority, and a receive takes from the highest levels first.
 */

/** Highest `maxPriority` a queue may declare (RabbitMQ advises at most 10 levels too). */
export const MAX_QUEUE_PRIORITY = 10;

/** The level a message of `priority` goes to: none counts as 0, above the queue's maximum as the maximum. */
export const priorityLevel = (priority: number | undefined, maxPriority: number | undefined): number =>
  Math.min(priority ?? 0, maxPriority ?? 0);

/** The levels a receive polls, highest first; just [0] for a queue without priorities. */
export const pollOrder = (maxPriority: number | undefined): number[] =>
  Array.from({ length: (maxPriority ?? 0) + 1 }, (_, index) => (maxPriority ?? 0) - index);

/**
 * How long the poll of `level` may wait: only the last poll (level 0), and only when the polls
 * above it found nothing, long-polls. So a receive costs one ReceiveMessage per level at most,
 * a queue without priorities exactly one, and a long poll never holds back messages already found.
 */
export const pollWaitSeconds = (level: number, foundSoFar: number, waitSeconds: number): number =>
  level === 0 && foundSoFar === 0 ? waitSeconds : 0;
