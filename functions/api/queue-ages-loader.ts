import type { SqsQueueAges } from '../adapters/sqs-queue-ages.ts';

let ages: SqsQueueAges | undefined;

/**
 * The queue ages' reader, imported on first use: the CloudWatch client's initialisation would
 * otherwise add to the cold start of every route, and the API's cold start is at its budget's edge.
 */
export async function loadQueueAges(): Promise<SqsQueueAges> {
  if (ages) return ages;
  const [{ cloudwatch }, { SqsQueueAges: Reader }] = await Promise.all([import('../adapters/cloudwatch.ts'), import('../adapters/sqs-queue-ages.ts')]);
  return (ages ??= new Reader(cloudwatch));
}
