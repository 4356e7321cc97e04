import { parseQueueName } from '../../../core/schemas/queue-requests.ts';
import type { OperationHandler } from '../../http.ts';
import { queueCounts } from './queue-counts.ts';
import { queueView } from './queue-view.ts';

/** `GET /v1/queues/{name}`: the declaration plus SQS's (approximate) message counts, all priority levels' together. */
export const describeQueue: OperationHandler = async (request, { directory, admin }) => {
  const name = parseQueueName(request.pathParameters.name);
  return directory.withQueue(name, async (queue) => {
    return { status: 200, body: { ...queueView(queue), messages: await queueCounts(queue, admin) } };
  });
};
