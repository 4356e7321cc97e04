import { answeredPayloadBytes, countFittingAnswer } from '../../../core/claim-check.ts';
import { readDeathRecord } from '../../../core/dead-letter-record.ts';
import { openMessage } from '../../../core/envelope.ts';
import { peekDeadLettersQuerySchema } from '../../../core/schemas/dead-letter-requests.ts';
import { parseQueueName } from '../../../core/schemas/queue-requests.ts';
import { utf8Bytes } from '../../../core/sqs-limits.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';

/**
 * `GET /v1/queues/{name}/dead-letters`: up to `max` dead letters and why they died, left in place;
 * claimed payloads restored as far as one answer holds them (about 5.5 MiB), later ones as `bodyRef`.
 */
export const peekDeadLetters: OperationHandler = async (request, { directory, deadLetters, payloads }) => {
  const name = parseQueueName(request.pathParameters.name);
  const { max } = parseRequest(peekDeadLettersQuerySchema, request.query, 'query string');
  return directory.withQueue(name, async (queue) => {
    const letters = await deadLetters.peek(queue.deadLetterQueueUrl, max);
    const opened = letters.map((letter) => openMessage(letter.body, { messageId: letter.messageId, publishedAt: letter.sentAt }));
    // Claimed payloads past what one answer holds stay references (`bodyRef`): a peek only looks.
    const fitting = countFittingAnswer(opened, (message, index) => utf8Bytes(letters[index]!.body) + answeredPayloadBytes(message.payload));
    const messages = [...(await payloads.restore(opened.slice(0, fitting))), ...opened.slice(fitting)];
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
