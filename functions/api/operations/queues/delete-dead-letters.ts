import type { SqsDelivery } from '../../../adapters/sqs-messages.ts';
import { openMessage } from '../../../core/envelope.ts';
import { deleteDeadLettersQuerySchema } from '../../../core/schemas/dead-letter-requests.ts';
import { parseQueueName } from '../../../core/schemas/queue-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';

/** The id a peek shows for a dead letter: its envelope's, else SQS's. */
const messageIdOf = (letter: SqsDelivery): string => openMessage(letter.body, { messageId: letter.messageId, publishedAt: null }).messageId;

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
    const selected = wanted && new Set(wanted);
    const found = new Set<string>();
    const discarded = await deadLetters.discard(
      queue.deadLetterQueueUrl,
      (letter) => {
        const id = messageIdOf(letter);
        if (selected && !selected.has(id)) return false;
        found.add(id);
        return true;
      },
      { deadline: request.deadline, ...(selected && { done: () => found.size === selected.size }) },
    );
    const deleted = [...new Set(discarded.map(messageIdOf))];
    return { status: 200, body: { deleted, notFound: selected ? [...selected].filter((id) => !deleted.includes(id)) : [] } };
  });
};
