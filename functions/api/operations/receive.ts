import type { QueueRecord } from '../../adapters/queue-registry.ts';
import type { Rejection } from '../../adapters/sqs-dead-letters.ts';
import type { ReceiveOptions, SqsDelivery } from '../../adapters/sqs-messages.ts';
import { fateOf, type DeliveryFate } from '../../core/delivery-fate.ts';
import { openMessage, type OpenedMessage } from '../../core/envelope.ts';
import { receiveRequestSchema } from '../../core/schemas/message-requests.ts';
import { parseQueueName } from '../../core/schemas/queue-requests.ts';
import { encodeReceipt } from '../../core/receipt.ts';
import { parseRequest } from '../../core/validation.ts';
import type { OperationHandler } from '../http.ts';
import type { Services } from '../services.ts';
import { deadLetter } from './dead-lettering.ts';

/** ReceiveMessage calls per request at most: later ones only replace messages that died. */
const MAX_RECEIVE_ROUNDS = 3;
/** Another round starts only while this much of the request's time is left. */
const ROUND_MARGIN_MS = 2_000;

interface Delivery {
  readonly delivery: SqsDelivery;
  readonly message: OpenedMessage;
}

/**
 * `POST /v1/queues/{name}/receive`: ReceiveMessage; each message comes with its receipt. Messages
 * that are dead on arrival (expired, or past `maxDeliveries` on a queue with a dead-letter
 * exchange) are dead-lettered instead of returned, and their room is filled by another short
 * receive, a bounded number of times.
 */
export const receive: OperationHandler = async (request, services) => {
  const name = parseQueueName(request.pathParameters.name);
  const options = parseRequest(receiveRequestSchema, request.body, 'request body');
  return services.directory.withQueue(name, async (queue) => {
    const deliveries = await receiveLive(queue, options, request.deadline, services);
    return {
      status: 200,
      body: {
        messages: deliveries.map(({ delivery, message }) => ({
          messageId: message.messageId,
          receipt: encodeReceipt({
            queue: name,
            receiptHandle: delivery.receiptHandle,
            deliveryCount: delivery.receiveCount,
            messageBody: delivery.body,
          }),
          ...message.payload,
          headers: message.headers,
          ...message.properties,
          deliveryCount: delivery.receiveCount,
          publishedAt: message.publishedAt,
        })),
      },
    };
  });
};

async function receiveLive(queue: QueueRecord, options: ReceiveOptions, deadline: number, services: Services): Promise<Delivery[]> {
  const live: Delivery[] = [];
  for (let round = 0; round < MAX_RECEIVE_ROUNDS && live.length < options.maxMessages; round++) {
    if (round > 0 && Date.now() > deadline - ROUND_MARGIN_MS) break;
    const deliveries = await services.messages.receive(queue.queueUrl, {
      ...options,
      maxMessages: options.maxMessages - live.length,
      waitSeconds: round === 0 ? options.waitSeconds : 0,
    });
    const now = services.now().getTime();
    const dying = new Map<Exclude<DeliveryFate, 'deliver'>, Rejection[]>();
    for (const delivery of deliveries) {
      // With a visibility timeout of 0, a later round sees this round's messages again.
      if (live.some((earlier) => earlier.delivery.messageId === delivery.messageId)) continue;
      const message = openMessage(delivery.body, { messageId: delivery.messageId, publishedAt: delivery.sentAt });
      const enqueuedAt = Date.parse(delivery.sentAt ?? message.publishedAt ?? '');
      const fate = fateOf({ enqueuedAt, receiveCount: delivery.receiveCount, expirationMs: message.properties.expirationMs }, queue.settings, now);
      if (fate === 'deliver') live.push({ delivery, message });
      // This receive delivered nothing to a consumer, so it does not count.
      else dying.set(fate, [...(dying.get(fate) ?? []), { receiptHandle: delivery.receiptHandle, messageBody: delivery.body, deliveryCount: delivery.receiveCount - 1 }]);
    }
    if (dying.size === 0) break;
    // A message that could not be dead-lettered reappears after its visibility timeout and is tried again.
    await Promise.all([...dying].map(([reason, messages]) => deadLetter(queue, messages, reason, services)));
  }
  return live;
}
