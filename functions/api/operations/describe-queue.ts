import { parseQueueName } from '../../core/schemas/queue-requests.ts';
import type { OperationHandler } from '../http.ts';
import { queueView } from './queue-view.ts';

/** `GET /v1/queues/{name}`: the declaration plus SQS's (approximate) message counts. */
export const describeQueue: OperationHandler = async (request, { directory, admin }) => {
  const name = parseQueueName(request.pathParameters.name);
  return directory.withQueue(name, async (queue) => {
    const [counts, deadLetterCounts] = await Promise.all([
      admin.messageCounts(queue.queueUrl),
      admin.messageCounts(queue.deadLetterQueueUrl),
    ]);
    return {
      status: 200,
      body: { ...queueView(queue), messages: { ...counts, deadLetters: deadLetterCounts.ready } },
    };
  });
};
