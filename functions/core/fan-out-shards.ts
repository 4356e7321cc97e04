/**
 * Fan-out shards: the SNS topics that exchange publishes reach their queues through. SNS allows
 * 200 filter policies per topic by default, and each queue (and each of its priority levels)
 * holds one, so queues are spread over several topics, each holding at most `capacity`
 * subscriptions. Shard 0 is the stack's own fan-out topic; shards 1, 2, … are created by the
 * broker when the ones before are full, and reused as queues leave them.
 */

/** SNS's default quota of filter policies per topic: a shard's default capacity. */
export const DEFAULT_SHARD_CAPACITY = 200;

/** The subscriptions (slots) a queue takes in its shard: one for the queue, one per priority level. */
export const slotsFor = (maxPriority: number | undefined): number => 1 + (maxPriority ?? 0);

/** A shard and the subscriptions (slots) it holds. */
export interface ShardUsage {
  readonly shard: number;
  readonly used: number;
}

/**
 * The shard a queue needing `slots` subscriptions goes to: the lowest-numbered one with room
 * (so freed slots are reused first), else the next shard after the highest known. Shard 0 exists
 * from the start, so with no usage recorded it is the answer.
 * @returns undefined when `slots` exceeds a shard's whole capacity
 */
export function placeQueue(usage: readonly ShardUsage[], slots: number, capacity: number): number | undefined {
  if (slots > capacity) return undefined;
  const byShard = new Map(usage.map(({ shard, used }) => [shard, used]));
  for (let shard = 0; ; shard++) {
    if ((byShard.get(shard) ?? 0) + slots <= capacity) return shard;
  }
}

/** The name of the SNS topic of shard `shard` (≥ 1), under the stack's prefix so that IAM can name them all. */
export const shardTopicName = (prefix: string, shard: number): string => `${prefix}fan-out-${shard}`;

/**
 * The ARN of shard `shard`'s topic: shard 0 is the stack's topic, the others live beside it (same
 * partition, region and account) under their own names.
 */
export function shardTopicArn(stackTopicArn: string, prefix: string, shard: number): string {
  if (shard === 0) return stackTopicArn;
  return `${stackTopicArn.slice(0, stackTopicArn.lastIndexOf(':'))}:${shardTopicName(prefix, shard)}`;
}

/**
 * List prices per million requests (us-east-1): an SNS publish (its deliveries to SQS cost
 * nothing), and an SQS send. A batch call of up to 10 messages costs one request of either.
 */
export const PRICE_PER_MILLION = { snsPublish: 0.5, sqsSend: 0.4 } as const;

/**
 * The cost rule: a message goes to its queues directly (one SQS send per queue) when that costs
 * less than publishing it once to each shard that holds one of them, i.e. while
 * queues × $0.40 < shards × $0.50. So a message for one queue goes directly (1 × 0.40 < 0.50), one
 * for two queues of one shard through the topic (0.80 > 0.50), one for 3 queues of 2 shards through
 * the topics (1.20 > 1.00); whatever the width, a publish costs at most the shards it touches.
 */
export const cheaperDirect = (queues: number, shards: number): boolean =>
  queues * PRICE_PER_MILLION.sqsSend < shards * PRICE_PER_MILLION.snsPublish;
