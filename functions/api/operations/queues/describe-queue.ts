import { sumCounts } from '../../../adapters/sqs-queue-admin.ts';
import { parseQueueName } from '../../../core/schemas/queue-requests.ts';
import type { OperationHandler } from '../../http.ts';
import { levelQueueUrls } from './queue-levels.ts';
import { queueView } from './queue-view.ts';

/** `GET /v1/queues/{name}`: the declaration plus SQS's (approximate) message counts, all priority levels' together. */
export const describeQueue: OperationHandler = async (request, { directory, admin }) => {
  const name = parseQueueName(request.pathParameters.name);
  return directory.withQueue(name, async (queue) => {
    const [levelCounts, deadLetterCounts] = await Promise.all([
      Promise.all(levelQueueUrls(queue).map((queueUrl) => admin.messageCounts(queueUrl))),
      admin.messageCounts(queue.deadLetterQueueUrl),
    ]);
    const counts = sumCounts(levelCounts);
    return {
      status: 200,
      body: { ...queueView(queue), messages: { ...counts, deadLetters: deadLetterCounts.ready } },
    };
  });
};
