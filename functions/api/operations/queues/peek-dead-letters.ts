import { readDeathRecord } from '../../../core/dead-letter-record.ts';
import { openMessage } from '../../../core/envelope.ts';
import { peekDeadLettersQuerySchema } from '../../../core/schemas/dead-letter-requests.ts';
import { parseQueueName } from '../../../core/schemas/queue-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';

/** `GET /v1/queues/{name}/dead-letters`: up to `max` dead letters and why they died, left in place, claimed payloads restored. */
export const peekDeadLetters: OperationHandler = async (request, { directory, deadLetters, payloads }) => {
  const name = parseQueueName(request.pathParameters.name);
  const { max } = parseRequest(peekDeadLettersQuerySchema, request.query, 'query string');
  return directory.withQueue(name, async (queue) => {
    const letters = await deadLetters.peek(queue.deadLetterQueueUrl, max);
    const messages = await payloads.restore(letters.map((letter) => openMessage(letter.body, { messageId: letter.messageId, publishedAt: letter.sentAt })));
    return {
      status: 200,
      body: {
        messages: letters.map((letter, index) => {
          const message = messages[index]!;
          return {
            messageId: message.messageId,
            ...message.payload,
            headers: message.headers,
            ...message.properties,
            publishedAt: message.publishedAt,
            ...readDeathRecord(letter.attributes, queue.settings.maxDeliveries),
          };
        }),
      },
    };
  });
};
