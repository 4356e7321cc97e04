import { sumCounts, type MessageCounts, type SqsQueueAdmin } from '../../../adapters/sqs-queue-admin.ts';
import { isQueueMissingError } from '../../../adapters/aws-errors.ts';
import { removeWithBindings } from '../../../adapters/topology-removal.ts';
import { slotsFor } from '../../../core/fan-out-shards.ts';
import { QueueNotEmptyError, QueueNotFoundError } from '../../../core/problems/index.ts';
import { deleteQueueQuerySchema, parseQueueName } from '../../../core/schemas/queue-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { levelQueueUrls, levelSubscriptionArns } from './queue-levels.ts';

/**
 * `DELETE /v1/queues/{name}`: deletes the queue, its priority levels, its dead letters and their
 * subscriptions to the fan-out topic, then its record together with every binding to it (as RabbitMQ removes a queue's
 * bindings), giving its slots in its fan-out shard back. The record goes last and every step is idempotent, so a delete interrupted half-way is
 * finished by repeating it (and a redeclaration restores the queue instead).
 */
export const deleteQueue: OperationHandler = async (request, { registry, directory, admin, fanOut, shards, topologyWriter, bindings }) => {
  const name = parseQueueName(request.pathParameters.name);
  const { ifEmpty } = parseRequest(deleteQueueQuerySchema, request.query, 'query string');
  const queue = await registry.find(name, { consistent: true });
  if (queue === undefined) throw new QueueNotFoundError(name);

  if (ifEmpty) {
    const counts = sumCounts(await Promise.all(levelQueueUrls(queue).map((queueUrl) => countsUnlessGone(admin, queueUrl))));
    if (counts.ready + counts.inFlight + counts.delayed > 0) throw new QueueNotEmptyError(name, counts);
  }
  await Promise.all(levelQueueUrls(queue).map((queueUrl) => admin.delete(queueUrl)));
  await admin.delete(queue.deadLetterQueueUrl);
  const subscriptions = levelSubscriptionArns(queue);
  await Promise.all(subscriptions.map((arn) => fanOut.unsubscribe(arn)));
  await removeWithBindings(topologyWriter, bindings, {
    declaration: registry.deleteChange(name),
    // Its slots in its fan-out shard are free once the declaration is gone, in the same transaction.
    alongside: queue.fanOutShard === undefined ? [] : [shards.releaseChange(queue.fanOutShard, slotsFor(queue.settings.maxPriority))],
    touches: (binding) => 'queue' in binding.destination && binding.destination.queue === name,
  });
  directory.forget(name);
  return { status: 204 };
};

/** A queue already gone (an interrupted delete) is empty. */
async function countsUnlessGone(admin: SqsQueueAdmin, queueUrl: string): Promise<MessageCounts> {
  try {
    return await admin.messageCounts(queueUrl);
  } catch (error) {
    if (isQueueMissingError(error)) return { ready: 0, inFlight: 0, delayed: 0 };
    throw error;
  }
}
