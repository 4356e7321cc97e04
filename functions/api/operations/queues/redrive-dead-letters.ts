import { decodeEnvelope } from '../../../core/envelope.ts';
import { priorityLevel } from '../../../core/priority-levels.ts';
import { redriveRequestSchema } from '../../../core/schemas/dead-letter-requests.ts';
import { parseQueueName } from '../../../core/schemas/queue-requests.ts';
import { Metrics } from '../../../core/metrics/metric-catalogue.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { deadLetterSelection } from './dead-letter-selection.ts';
import { levelQueueUrls } from './queue-levels.ts';

/**
 * `POST /v1/queues/{name}/dead-letters/redrive`: moves dead letters back to the queue (all, up to
 * `maxMessages`, or those with the given `messageIds`, which it finds as a selective delete does),
 * each to the priority level of its `priority` (a message without an envelope to level 0). A
 * redrive stops early when the request's time runs short (API Gateway waits 30 s at most), having
 * moved fewer than asked: calling again moves the rest.
 */
export const redriveDeadLetters: OperationHandler = async (request, { directory, deadLetters, metrics }) => {
  const name = parseQueueName(request.pathParameters.name);
  const { maxMessages, messageIds } = parseRequest(redriveRequestSchema, request.body, 'request body');
  return directory.withQueue(name, async (queue) => {
    const urls = levelQueueUrls(queue);
    const levelQueueUrl = (body: string) => urls[priorityLevel(decodeEnvelope(body)?.properties?.priority, queue.settings.maxPriority)]!;
    if (messageIds) {
      const selection = deadLetterSelection(messageIds);
      const moved = await deadLetters.discard(queue.deadLetterQueueUrl, (letter) => selection.chosen(letter), { deadline: request.deadline, done: selection.done! }, levelQueueUrl);
      metrics.count(Metrics.queueRedriven, { kind: 'queue', name }, moved.length);
      return { status: 200, body: { moved: moved.length, notFound: selection.outcome(moved).notFound } };
    }
    const moved = await deadLetters.redrive(queue.deadLetterQueueUrl, levelQueueUrl, maxMessages ?? Number.POSITIVE_INFINITY, request.deadline);
    metrics.count(Metrics.queueRedriven, { kind: 'queue', name }, moved);
    return { status: 200, body: { moved } };
  });
};
