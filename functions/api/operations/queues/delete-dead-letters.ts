import { deleteDeadLettersQuerySchema } from '../../../core/schemas/dead-letter-requests.ts';
import { parseQueueName } from '../../../core/schemas/queue-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { deadLetterSelection } from './dead-letter-selection.ts';

/**
 * `DELETE /v1/queues/{name}/dead-letters[?messageId=a&messageId=b]`: deletes every dead letter, or
 * those with the given ids, and answers the ids deleted and those not found;
 * the others stay, visible again at once. SQS finds a message only by receiving it, so a selective
 * delete receives the dead letters (10 a call) until it has found every id or seen them all. A
 * delete stops early when the request's time runs short: calling again deletes the rest.
 */
export const deleteDeadLetters: OperationHandler = async (request, { directory, deadLetters }) => {
  const name = parseQueueName(request.pathParameters.name);
  const { messageId: wanted } = parseRequest(deleteDeadLettersQuerySchema, request.queryValues, 'query string');
  return directory.withQueue(name, async (queue) => {
    const selection = deadLetterSelection(wanted);
    const discarded = await deadLetters.discard(queue.deadLetterQueueUrl, (letter) => selection.chosen(letter), { deadline: request.deadline, ...(selection.done && { done: selection.done }) });
    const { ids: deleted, notFound } = selection.outcome(discarded);
    return { status: 200, body: { deleted, notFound } };
  });
};
