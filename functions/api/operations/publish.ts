import { randomUUID } from 'node:crypto';
import { encodeEnvelope, MAX_ENVELOPE_BYTES } from '../../core/envelope.ts';
import { MessageTooLargeError, PublishIncompleteError } from '../../core/problems.ts';
import { publishRequestSchema } from '../../core/schemas/message-requests.ts';
import { parseQueueName } from '../../core/schemas/queue-requests.ts';
import { sqsMessageBytes } from '../../core/sqs-limits.ts';
import { parseRequest } from '../../core/validation.ts';
import type { OperationHandler } from '../http.ts';

/**
 * `POST /v1/queues/{name}/messages`: one message or a batch, each wrapped in an envelope. Every
 * client mistake is found before anything is sent, so a rejected request writes nothing.
 */
export const publish: OperationHandler = async (request, { directory, messages, now }) => {
  const name = parseQueueName(request.pathParameters.name);
  const outgoing = parseRequest(publishRequestSchema(request.body), request.body, 'request body');
  const publishedAt = now().toISOString();
  const envelopes = outgoing.map((message) => {
    const id = message.messageId ?? randomUUID();
    return { id, body: encodeEnvelope({ id, publishedAt, headers: message.headers, payload: message.payload }) };
  });
  envelopes.forEach(({ id, body }, index) => {
    const bytes = sqsMessageBytes(body);
    if (bytes > MAX_ENVELOPE_BYTES) throw new MessageTooLargeError(index, id, bytes, MAX_ENVELOPE_BYTES);
  });

  return directory.withQueue(name, async (queue) => {
    const outcomes = await messages.send(
      queue.queueUrl,
      envelopes.map(({ body }, index) => ({ body, delaySeconds: outgoing[index]!.delaySeconds })),
    );
    const messageIds = envelopes.map(({ id }) => id);
    if (outcomes.some((outcome) => !outcome.ok)) {
      throw new PublishIncompleteError(
        messageIds.filter((_, index) => outcomes[index]!.ok),
        messageIds.filter((_, index) => !outcomes[index]!.ok),
      );
    }
    return { status: 202, body: { messageIds } };
  });
};
