import { redriveRequestSchema } from '../../core/schemas/dead-letter-requests.ts';
import { parseQueueName } from '../../core/schemas/queue-requests.ts';
import { parseRequest } from '../../core/validation.ts';
import type { OperationHandler } from '../http.ts';

/**
 * `POST /v1/queues/{name}/dead-letters/redrive`: moves dead letters back to the queue. A redrive
 * stops early when the request's time runs short (API Gateway waits 30 s at most), having moved
 * fewer than asked: calling again moves the rest.
 */
export const redriveDeadLetters: OperationHandler = async (request, { directory, deadLetters }) => {
  const name = parseQueueName(request.pathParameters.name);
  const { maxMessages } = parseRequest(redriveRequestSchema, request.body, 'request body');
  return directory.withQueue(name, async (queue) => {
    const moved = await deadLetters.redrive(
      queue.deadLetterQueueUrl,
      queue.queueUrl,
      maxMessages ?? Number.POSITIVE_INFINITY,
      request.deadline,
    );
    return { status: 200, body: { moved } };
  });
};
