import { isQueueMissingError } from '../../../adapters/aws-errors.ts';
import type { QueueTarget } from '../../../core/exchanges/topology-snapshot.ts';
import { fanOutMessageBytes, MAX_FAN_OUT_MESSAGE_BYTES } from '../../../core/fan-out.ts';
import { cheaperDirect } from '../../../core/fan-out-shards.ts';
import type { Services } from '../../services.ts';

/** A sealed message and the queues it was routed to. */
export interface RoutedMessage {
  readonly body: string;
  readonly targets: readonly QueueTarget[];
  readonly delaySeconds: number | undefined;
  /** Its group in the FIFO queues among `targets`. */
  readonly groupId: string;
  /** Its deduplication id in those FIFO queues; a fresh one per send when absent. */
  readonly deduplicationId?: string | undefined;
}

/** Where one message goes: some of its targets through their shards' topics, the others by SendMessageBatch. */
interface Split {
  readonly viaTopic: readonly QueueTarget[];
  readonly direct: readonly QueueTarget[];
}

const targetIdsOf = (targets: readonly QueueTarget[]) => targets.map((target) => target.targetId);

/**
 * A queue without a fan-out subscription (FIFO: SNS standard topics cannot deliver to FIFO queues)
 * always gets the message directly. SNS cannot delay a single message either, so one with a
 * delaySeconds above 0 goes directly to every queue; so does one too large for SNS (only a
 * dead-lettered one can be: an exchange publish refuses those with 413); and so does one whose
 * direct sends cost less than its shard publishes (see cheaperDirect).
 */
function split(message: RoutedMessage): Split {
  const subscribed = message.targets.filter((target) => target.topicArn !== undefined);
  const unsubscribed = message.targets.filter((target) => target.topicArn === undefined);
  const shards = new Set(subscribed.map((target) => target.topicArn)).size;
  const allDirect =
    (message.delaySeconds ?? 0) > 0 ||
    fanOutMessageBytes(message.body, targetIdsOf(subscribed)) > MAX_FAN_OUT_MESSAGE_BYTES ||
    cheaperDirect(subscribed.length, shards);
  return allDirect ? { viaTopic: [], direct: message.targets } : { viaTopic: subscribed, direct: unsubscribed };
}

/**
 * Hands routed messages over for delivery and tells, for each, whether every one of its queues is
 * now sure to get it. Through the topics, a message costs one publish per shard holding one of its
 * queues (PublishBatch packs 10 messages per shard into a call), however many queues each reaches
 * there. What goes directly (see split) costs one SendMessageBatch per queue per 10 messages, in
 * the message's order for a FIFO queue. A message routed nowhere needs nothing.
 */
export async function deliverRouted(messages: readonly RoutedMessage[], services: Services): Promise<boolean[]> {
  const splits = messages.map(split);
  const accepted = messages.map(() => true);
  // One entry per message per shard it touches, each listing the message's queues in that shard.
  const entries = splits.flatMap(({ viaTopic }, index) =>
    [...Map.groupBy(viaTopic, (target) => target.topicArn!)].map(([topicArn, targets]) => ({ index, topicArn, targets })),
  );

  const [published] = await Promise.all([
    services.fanOut.publish(entries.map(({ index, topicArn, targets }) => ({ topicArn, body: messages[index]!.body, targetIds: targetIdsOf(targets) }))),
    sendToEachQueue(messages, splits, services, accepted),
  ]);
  entries.forEach(({ index }, position) => {
    if (!published[position]!.ok) accepted[index] = false;
  });
  return accepted;
}

/** Sends each message to its direct targets, marking those some queue refused. */
async function sendToEachQueue(messages: readonly RoutedMessage[], splits: readonly Split[], services: Services, accepted: boolean[]): Promise<void> {
  const byQueue = new Map<string, number[]>();
  splits.forEach(({ direct }, index) => {
    for (const { queueUrl } of direct) byQueue.set(queueUrl, [...(byQueue.get(queueUrl) ?? []), index]);
  });
  await Promise.all(
    [...byQueue].map(async ([queueUrl, queued]) => {
      try {
        const outcomes = await services.messages.send(queueUrl, queued.map((index) => messages[index]!));
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
