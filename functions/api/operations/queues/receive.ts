import type { QueueRecord } from '../../../adapters/queue-registry.ts';
import type { Rejection } from '../../../adapters/sqs-dead-letters.ts';
import type { ReceiveOptions, SqsDelivery } from '../../../adapters/sqs-messages.ts';
import { answeredPayloadBytes, countFittingAnswer } from '../../../core/claim-check.ts';
import { fateOf, type DeliveryFate } from '../../../core/delivery-fate.ts';
import { openMessage, type OpenedMessage } from '../../../core/envelope.ts';
import { pollOrder, pollWaitSeconds } from '../../../core/priority-levels.ts';
import { receiveRequestSchema } from '../../../core/schemas/message-requests.ts';
import { parseQueueName } from '../../../core/schemas/queue-requests.ts';
import { encodeReceipt } from '../../../core/receipt.ts';
import { utf8Bytes } from '../../../core/sqs-limits.ts';
import { Metrics } from '../../../core/metrics/metric-catalogue.ts';
import { TRACEPARENT } from '../../../core/trace-context.ts';
import { parseRequest } from '../../../core/validation.ts';
import { logger } from '../../logger.ts';
import type { OperationHandler } from '../../http.ts';
import type { Services } from '../../services.ts';
import { deadLetter } from './dead-lettering.ts';
import { atLevel, levelQueueUrls, perLevel } from './queue-levels.ts';

/** ReceiveMessage calls per request at most: later ones only replace messages that died. */
const MAX_RECEIVE_ROUNDS = 3;
/** Another round starts only while this much of the request's time is left. */
const ROUND_MARGIN_MS = 2_000;
/**
 * With `ack: "auto"` the messages stay hidden until after the invocation can have ended (10 s past
 * the deadline, more than the margin it keeps for answering), so that none reaches another
 * consumer before this request has deleted it, however slow the delete. One whose delete failed
 * comes back then.
 */
const autoAckHideSeconds = (deadline: number): number => Math.ceil((deadline - Date.now()) / 1000) + 10;

/** A message received from one of the queue's priority levels. */
interface LevelDelivery {
  readonly level: number;
  readonly delivery: SqsDelivery;
}

interface Delivery extends LevelDelivery {
  readonly message: OpenedMessage;
}

/**
 * `POST /v1/queues/{name}/receive`: ReceiveMessage, from the highest priority level down (see
 * pollLevels); each message comes with its receipt, which names its level. Messages
 * that are dead on arrival (expired, or past `maxDeliveries` on a queue with a dead-letter
 * exchange) are dead-lettered instead of returned, and their room is filled by another short
 * receive, a bounded number of times.
 *
 * With `ack: "auto"` the messages are deleted before the answer (one DeleteMessageBatch per 10
 * of a level) and carry no receipt: at most once, since a crash after the delete loses them.
 */
export const receive: OperationHandler = async (request, services) => {
  const name = parseQueueName(request.pathParameters.name);
  const options = parseRequest(receiveRequestSchema, request.body, 'request body');
  return services.directory.withQueue(name, async (queue) => {
    const autoAck = options.ack === 'auto';
    const received = await receiveLive(queue, autoAck ? { ...options, visibilityTimeoutSeconds: autoAckHideSeconds(request.deadline) } : options, request.deadline, services);
    const live = await withinAnswer(queue, received, services);
    const kept = autoAck ? await deleteDelivered(queue, live, services) : live;
    const restored = await services.payloads.restore(kept.map(({ message }) => message));
    const deliveries = kept.map((delivery, index) => ({ ...delivery, message: restored[index]! }));
    const deliveredAt = services.now().getTime();
    countDeliveries(services, name, deliveries, deliveredAt, autoAck);
    if (deliveries.length > 0) {
      // The delivery log: which messages went out, with the trace each was published under.
      logger.info('delivered', {
        queue: name,
        messages: deliveries.map(({ delivery, message }) => ({
          messageId: message.messageId,
          deliveryCount: delivery.receiveCount,
          ...(message.headers[TRACEPARENT] !== undefined && { traceparent: message.headers[TRACEPARENT] }),
        })),
      });
    }
    return {
      status: 200,
      body: {
        messages: deliveries.map(({ level, delivery, message }) => ({
          messageId: message.messageId,
          ...(!autoAck && {
            receipt: encodeReceipt({
              queue: name,
              level,
              receiptHandle: delivery.receiptHandle,
              deliveryCount: delivery.receiveCount,
              messageBody: delivery.body,
              groupId: delivery.groupId,
              deliveredAt,
            }),
          }),
          ...message.payload,
          headers: message.headers,
          ...message.properties,
          deliveryCount: delivery.receiveCount,
          publishedAt: message.publishedAt,
          ...(delivery.groupId !== undefined && { groupId: delivery.groupId }),
        })),
      },
    };
  });
};

/** What a delivery adds to the answer: its payload, and its SQS body again in the receipt. */
function answerBytes({ delivery, message }: Delivery): number {
  return 2 * utf8Bytes(delivery.body) + answeredPayloadBytes(message.payload);
}

/**
 * The deliveries that fit one answer (the first always does); the others are made visible again
 * at once, for the next receive. Only claimed payloads (or many messages near SQS's 1 MiB) take
 * that much room.
 */
async function withinAnswer(queue: QueueRecord, deliveries: readonly Delivery[], services: Services): Promise<Delivery[]> {
  const fitting = deliveries.slice(0, countFittingAnswer(deliveries, answerBytes));
  const released = deliveries.slice(fitting.length);
  if (released.length > 0) {
    await perLevel(queue, released, ({ level }) => level, (levelQueue, ofLevel) =>
      services.messages.changeVisibility(levelQueue.queueUrl, ofLevel.map(({ delivery }) => ({ receiptHandle: delivery.receiptHandle, seconds: 0 }))),
    );
  }
  return fitting;
}

/** Counts the deliveries, and the queue wait (publish → delivery) of each first delivery; with `ack: "auto"` they are acked too. */
function countDeliveries({ metrics }: Services, name: string, deliveries: readonly Delivery[], deliveredAt: number, autoAck: boolean): void {
  const queue = { kind: 'queue', name } as const;
  metrics.count(Metrics.queueDelivered, queue, deliveries.length);
  if (autoAck) metrics.count(Metrics.queueAcked, queue, deliveries.length);
  const waits = deliveries.flatMap(({ delivery, message }) => {
    const publishedAt = Date.parse(message.publishedAt ?? '');
    return delivery.receiveCount === 1 && Number.isFinite(publishedAt) ? [Math.max(0, deliveredAt - publishedAt)] : [];
  });
  metrics.observe(Metrics.queueWait, queue, waits);
}

/**
 * Deletes the deliveries and keeps those whose delete succeeded: one that SQS did not delete
 * comes back after its visibility timeout, so returning it too could deliver it twice.
 */
async function deleteDelivered(queue: QueueRecord, deliveries: readonly Delivery[], services: Services): Promise<Delivery[]> {
  const outcomes = await perLevel(queue, deliveries, ({ level }) => level, (levelQueue, ofLevel) =>
    services.messages.delete(levelQueue.queueUrl, ofLevel.map(({ delivery }) => delivery.receiptHandle)),
  );
  return deliveries.filter((_, index) => outcomes[index]!.ok);
}

async function receiveLive(queue: QueueRecord, options: ReceiveOptions, deadline: number, services: Services): Promise<Delivery[]> {
  const live: Delivery[] = [];
  for (let round = 0; round < MAX_RECEIVE_ROUNDS && live.length < options.maxMessages; round++) {
    if (round > 0 && Date.now() > deadline - ROUND_MARGIN_MS) break;
    const deliveries = await pollLevels(queue, {
      ...options,
      maxMessages: options.maxMessages - live.length,
      waitSeconds: round === 0 ? options.waitSeconds : 0,
    }, services);
    const now = services.now().getTime();
    const dying = new Map<string, { level: number; reason: Exclude<DeliveryFate, 'deliver'>; messages: Rejection[] }>();
    for (const { level, delivery } of deliveries) {
      // With a visibility timeout of 0, a later round sees this round's messages again.
      if (live.some((earlier) => earlier.delivery.messageId === delivery.messageId)) continue;
      const message = openMessage(delivery.body, { messageId: delivery.messageId, publishedAt: delivery.sentAt });
      const enqueuedAt = Date.parse(delivery.sentAt ?? message.publishedAt ?? '');
      const fate = fateOf({ enqueuedAt, receiveCount: delivery.receiveCount, expirationMs: message.properties.expirationMs }, queue.settings, now);
      if (fate === 'deliver') {
        live.push({ level, delivery, message });
        continue;
      }
      const key = `${level}/${fate}`;
      const group = dying.get(key) ?? { level, reason: fate, messages: [] };
      // This receive delivered nothing to a consumer, so it does not count.
      group.messages.push({ receiptHandle: delivery.receiptHandle, messageBody: delivery.body, deliveryCount: delivery.receiveCount - 1, groupId: delivery.groupId });
      dying.set(key, group);
    }
    if (dying.size === 0) break;
    // A message that could not be dead-lettered reappears after its visibility timeout and is tried again.
    await Promise.all([...dying.values()].map(({ level, reason, messages }) => deadLetter(atLevel(queue, level)!, messages, reason, services)));
  }
  return live;
}

/**
 * Receives up to `options.maxMessages` from the queue's priority levels, highest first, each
 * level asked only for what the levels above it left to fill: one ReceiveMessage per level at
 * most, and only level 0 (the last) long-polls, when nothing was found above it. A queue without
 * priorities costs exactly one ReceiveMessage, as before.
 */
async function pollLevels(queue: QueueRecord, options: ReceiveOptions, services: Services): Promise<LevelDelivery[]> {
  const found: LevelDelivery[] = [];
  const urls = levelQueueUrls(queue);
  for (const level of pollOrder(queue.settings.maxPriority)) {
    if (found.length === options.maxMessages) break;
    const deliveries = await services.messages.receive(urls[level]!, {
      ...options,
      maxMessages: options.maxMessages - found.length,
      waitSeconds: pollWaitSeconds(level, found.length, options.waitSeconds),
    });
    found.push(...deliveries.map((delivery) => ({ level, delivery })));
  }
  return found;
}
