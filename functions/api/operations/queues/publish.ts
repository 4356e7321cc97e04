import { MAX_ENVELOPE_BYTES } from '../../../core/envelope.ts';
import { sqsIdFor } from '../../../core/fifo.ts';
import { assertNoFifoDelays } from '../../../core/fifo-requests.ts';
import { priorityLevel } from '../../../core/priority-levels.ts';
import { messageMemberPath, publishRequestSchema } from '../../../core/schemas/message-requests.ts';
import { parseQueueName } from '../../../core/schemas/queue-requests.ts';
import { sqsMessageBytes } from '../../../core/sqs-limits.ts';
import { Metrics } from '../../../core/metrics/metric-catalogue.ts';
import { withTraceparent } from '../../../core/trace-context.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { assertAllPublished, sealMessages } from '../../../core/message-sealing.ts';
import { perLevel } from './queue-levels.ts';
import { uploadIdsOf } from '../../../core/uploads.ts';

/**
 * `POST /v1/queues/{name}/messages`: one message or a batch, each wrapped in an envelope and sent
 * to the SQS queue of its priority level (SendMessageBatch calls per level). On a FIFO queue each
 * goes in its `groupId` (default: "default") under its message id as deduplication id. A message
 * too large for SQS has its payload stored first (the claim check), as has one that names an
 * upload (copied from it; 404 if it is not there). Every client mistake is found
 * before anything is stored or sent, so a rejected request writes nothing.
 */
export const publish: OperationHandler = async (request, { directory, messages, payloads, now, metrics }) => {
  const name = parseQueueName(request.pathParameters.name);
  const outgoing = parseRequest(publishRequestSchema(request.body), request.body, 'request body').map((message) => ({
    ...message,
    headers: withTraceparent(message.headers, request.traceparent),
  }));
  const uploads = await payloads.sizeUploads(uploadIdsOf(outgoing));
  const sealed = sealMessages(outgoing, {
    publishedAt: now().toISOString(),
    limit: MAX_ENVELOPE_BYTES,
    sizeOf: (body) => sqsMessageBytes(body),
    properties: ({ priority }) => ({ priority }),
    claimBucket: payloads.bucket,
    uploads,
  });

  return directory.withQueue(name, async (queue) => {
    if (queue.settings.fifo) assertNoFifoDelays(outgoing, () => true, (index) => messageMemberPath(request.body, index, 'delaySeconds'));
    await payloads.store(sealed.map(({ claim }) => claim));
    const outcomes = await perLevel(
      queue,
      sealed.map(({ id, body }, index) => ({ id, body, ...outgoing[index]! })),
      ({ priority }) => priorityLevel(priority, queue.settings.maxPriority),
      (levelQueue, batch) =>
        messages.send(
          levelQueue.queueUrl,
          batch.map(({ id, body, delaySeconds, groupId }) => ({ body, delaySeconds, groupId, deduplicationId: sqsIdFor(id) })),
        ),
    );
    metrics.count(Metrics.queuePublished, { kind: 'queue', name }, outcomes.filter((outcome) => outcome.ok).length);
    assertAllPublished(sealed, outcomes.map((outcome) => outcome.ok));
    return { status: 202, body: { messageIds: sealed.map(({ id }) => id) } };
  });
};
