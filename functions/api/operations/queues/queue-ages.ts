import type { QueueRecord } from '../../../adapters/queue-registry.ts';
import { sqsQueueNameOf } from '../../../core/sqs-queue-names.ts';
import { loadQueueAges } from '../../queue-ages-loader.ts';
import { levelQueueUrls } from './queue-levels.ts';

/** Seconds since a queue's oldest message was sent, and since its oldest dead letter was dead-lettered; null: no reading. */
export interface QueueAges {
  readonly messages: number | null;
  readonly deadLetters: number | null;
}

/**
 * The ages of each queue's oldest message and oldest dead letter, as SQS last reported them to
 * CloudWatch: the oldest over the queue's priority levels, and its dead-letter queue's (SQS ages a
 * dead letter from its move there); null when there is no reading (SQS reports no age for an empty
 * queue). One GetMetricData per 500 SQS queues (its levels and its dead-letter queue), none without queues.
 */
export async function oldestMessageAges(queues: readonly QueueRecord[], now: number): Promise<QueueAges[]> {
  if (queues.length === 0) return [];
  const levels = queues.map((queue) => levelQueueUrls(queue).map(sqsQueueNameOf));
  const deadLetterQueues = queues.map((queue) => sqsQueueNameOf(queue.deadLetterQueueUrl));
  const ages = await (await loadQueueAges()).oldestMessageAges([...levels.flat(), ...deadLetterQueues], now);
  const oldest = (names: readonly string[]) => {
    const reported = names.flatMap((name) => ages.get(name) ?? []);
    return reported.length > 0 ? Math.max(...reported) : null;
  };
  return levels.map((names, index) => ({ messages: oldest(names), deadLetters: oldest([deadLetterQueues[index]!]) }));
}
