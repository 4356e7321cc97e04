import { isQueueMissingError } from '../../adapters/aws-errors.ts';
import type { QueueTarget } from '../../core/exchanges/topology-snapshot.ts';
import { fanOutMessageBytes, MAX_FAN_OUT_MESSAGE_BYTES } from '../../core/fan-out.ts';
import type { Services } from '../services.ts';

/** A sealed message and the queues it was routed to. */
export interface RoutedMessage {
  readonly body: string;
  readonly targets: readonly QueueTarget[];
  readonly delaySeconds: number | undefined;
}

const targetIdsOf = (message: RoutedMessage) => message.targets.map((target) => target.targetId);

/**
 * Hands routed messages over for delivery and tells, for each, whether every one of its queues is
 * now sure to get it. Messages go through the fan-out topic: one PublishBatch per 10 messages,
 * however many queues each reaches. SNS cannot delay a single message, so a message with a
 * delaySeconds above 0 is sent to each of its queues with SendMessageBatch instead, a cost that
 * grows with its queues; so is a message too large for SNS (only a dead-lettered one can be: an
 * exchange publish refuses those with 413). A message routed nowhere needs nothing.
 */
export async function deliverRouted(messages: readonly RoutedMessage[], services: Services): Promise<boolean[]> {
  const viaTopic: number[] = [];
  const toEachQueue: number[] = [];
  messages.forEach((message, index) => {
    if (message.targets.length === 0) return;
    const direct = (message.delaySeconds ?? 0) > 0 || fanOutMessageBytes(message.body, targetIdsOf(message)) > MAX_FAN_OUT_MESSAGE_BYTES;
    (direct ? toEachQueue : viaTopic).push(index);
  });
  const accepted = messages.map(() => true);

  const [published] = await Promise.all([
    services.fanOut.publish(viaTopic.map((index) => ({ body: messages[index]!.body, targetIds: targetIdsOf(messages[index]!) }))),
    sendToEachQueue(messages, toEachQueue, services, accepted),
  ]);
  viaTopic.forEach((index, position) => {
    if (!published[position]!.ok) accepted[index] = false;
  });
  return accepted;
}

/** Sends the messages at `indexes` to each of their queues directly, marking those some queue refused. */
async function sendToEachQueue(messages: readonly RoutedMessage[], indexes: readonly number[], services: Services, accepted: boolean[]): Promise<void> {
  const byQueue = new Map<string, number[]>();
  for (const index of indexes) {
    for (const { queueUrl } of messages[index]!.targets) byQueue.set(queueUrl, [...(byQueue.get(queueUrl) ?? []), index]);
  }
  await Promise.all(
    [...byQueue].map(async ([queueUrl, queued]) => {
      try {
        const outcomes = await services.messages.send(
          queueUrl,
          queued.map((index) => ({ body: messages[index]!.body, delaySeconds: messages[index]!.delaySeconds })),
        );
        outcomes.forEach((outcome, position) => {
          if (!outcome.ok) accepted[queued[position]!] = false;
        });
      } catch (error) {
        // The queue was deleted after the topology was read: as through the topic, its copy is dropped.
        if (!isQueueMissingError(error)) throw error;
      }
    }),
  );
}
