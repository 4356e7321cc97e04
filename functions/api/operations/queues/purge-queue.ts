import { sumCounts } from '../../../adapters/sqs-queue-admin.ts';
import { PurgeInProgressError } from '../../../core/problems/index.ts';
import { parseQueueName } from '../../../core/schemas/queue-requests.ts';
import type { OperationHandler } from '../../http.ts';
import { levelQueueUrls } from './queue-levels.ts';

/**
 * `POST /v1/queues/{name}/purge`: deletes every message of every priority level (not the dead
 * letters) with one PurgeQueue per level, and answers SQS's approximate counts from just before:
 * SQS does not say how many messages a purge deleted. SQS allows one purge per queue a minute;
 * the levels are always purged together, so they share that minute: 409 with Retry-After.
 */
export const purgeQueue: OperationHandler = async (request, { directory, admin }) => {
  const name = parseQueueName(request.pathParameters.name);
  return directory.withQueue(name, async (queue) => {
    const urls = levelQueueUrls(queue);
    const counts = sumCounts(await Promise.all(urls.map((queueUrl) => admin.messageCounts(queueUrl))));
    const purged = await Promise.all(urls.map((queueUrl) => admin.purge(queueUrl)));
    if (purged.includes(false)) throw new PurgeInProgressError(name);
    return { status: 200, body: { purged: counts } };
  });
};
