import type { QueueRecord } from '../../../adapters/queue-registry.ts';
import { sqsQueueNameOf } from '../../../core/sqs-queue-names.ts';
import { loadQueueAges } from '../../queue-ages-loader.ts';
import { levelQueueUrls } from './queue-levels.ts';

/**
 * The age in seconds of each queue's oldest message, as SQS last reported it to CloudWatch: the
 * oldest over the queue's priority levels; null when no level has a reading (SQS reports no age for
 * an empty queue). One GetMetricData per 500 SQS queues (one per priority level), none without queues.
 */
export async function oldestMessageAges(queues: readonly QueueRecord[], now: number): Promise<(number | null)[]> {
  if (queues.length === 0) return [];
  const levels = queues.map((queue) => levelQueueUrls(queue).map(sqsQueueNameOf));
  const ages = await (await loadQueueAges()).oldestMessageAges(levels.flat(), now);
  return levels.map((names) => {
    const reported = names.flatMap((name) => ages.get(name) ?? []);
    return reported.length > 0 ? Math.max(...reported) : null;
  });
}
