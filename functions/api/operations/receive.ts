import { openMessage } from '../../core/envelope.ts';
import { receiveRequestSchema } from '../../core/schemas/message-requests.ts';
import { parseQueueName } from '../../core/schemas/queue-requests.ts';
import { encodeReceipt } from '../../core/receipt.ts';
import { parseRequest } from '../../core/validation.ts';
import type { OperationHandler } from '../http.ts';

/** `POST /v1/queues/{name}/receive`: one ReceiveMessage; each message comes with its receipt. */
export const receive: OperationHandler = async (request, { directory, messages }) => {
  const name = parseQueueName(request.pathParameters.name);
  const options = parseRequest(receiveRequestSchema, request.body, 'request body');
  return directory.withQueue(name, async (queue) => {
    const deliveries = await messages.receive(queue.queueUrl, options);
    return {
      status: 200,
      body: {
        messages: deliveries.map((delivery) => {
          const message = openMessage(delivery.body, { messageId: delivery.messageId, publishedAt: delivery.sentAt });
          return {
            messageId: message.messageId,
            receipt: encodeReceipt({
              queue: name,
              receiptHandle: delivery.receiptHandle,
              deliveryCount: delivery.receiveCount,
              messageBody: delivery.body,
            }),
            ...message.payload,
            headers: message.headers,
            deliveryCount: delivery.receiveCount,
            publishedAt: message.publishedAt,
          };
        }),
      },
    };
  });
};
