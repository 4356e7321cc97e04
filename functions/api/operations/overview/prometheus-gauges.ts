import { Gauge, Registry } from 'prom-client';
import type { OverviewPage } from './broker-overview.ts';

/**
 * The broker's live numbers as Prometheus gauges, read on demand: what every deployment can answer
 * truthfully. (Counters and histograms live in CloudWatch when deployed: a Lambda container only
 * counts its own requests.)
 */
export function prometheusGauges(overview: OverviewPage): Registry {
  const registry = new Registry();
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Gauge<L>({ name, help, labelNames, registers: [registry] });

  const queueGauges = {
    ready: gauge('postroom_queue_ready', 'Messages ready for delivery (SQS ApproximateNumberOfMessages, all priority levels).', ['queue']),
    inFlight: gauge('postroom_queue_in_flight', 'Messages delivered and not yet settled (SQS ApproximateNumberOfMessagesNotVisible).', ['queue']),
    delayed: gauge('postroom_queue_delayed', 'Messages not yet visible because of a delay (SQS ApproximateNumberOfMessagesDelayed).', ['queue']),
    deadLetters: gauge('postroom_queue_dead_letters', "Messages in the queue's dead-letter queue.", ['queue']),
  };
  const oldestAge = gauge('postroom_queue_oldest_message_age_seconds', "Seconds since the oldest message of the queue's priority levels was sent (SQS ApproximateAgeOfOldestMessage in CloudWatch); absent for an empty queue.", ['queue']);
  const oldestDeadLetterAge = gauge('postroom_queue_oldest_dead_letter_age_seconds', "Seconds since the oldest dead letter was moved to the queue's dead-letter queue (SQS ApproximateAgeOfOldestMessage in CloudWatch); absent without dead letters.", ['queue']);
  for (const { name, messages, oldestMessageAgeSeconds, oldestDeadLetterAgeSeconds } of overview.queues) {
    for (const key of Object.keys(queueGauges) as (keyof typeof queueGauges)[]) queueGauges[key].set({ queue: name }, messages[key]);
    if (oldestMessageAgeSeconds !== null) oldestAge.set({ queue: name }, oldestMessageAgeSeconds);
    if (oldestDeadLetterAgeSeconds !== null) oldestDeadLetterAge.set({ queue: name }, oldestDeadLetterAgeSeconds);
  }

  const bindings = gauge('postroom_exchange_bindings', 'Bindings from the exchange.', ['exchange']);
  for (const { name, bindings: count } of overview.exchanges) bindings.set({ exchange: name }, count);

  const highWatermark = gauge('postroom_stream_high_watermark', "The partition's next offset (records ever appended).", ['stream', 'partition']);
  const committed = gauge('postroom_stream_group_committed_offset', "The group's committed offset: the next one it will read.", ['stream', 'group', 'partition']);
  const lag = gauge('postroom_stream_group_lag', 'Records between the committed offset and the high watermark.', ['stream', 'group', 'partition']);
  const members = gauge('postroom_stream_group_members', 'Live members of the group.', ['stream', 'group']);
  for (const stream of overview.streams) {
    for (const { partition, highWatermark: end } of stream.partitions) highWatermark.set({ stream: stream.name, partition: String(partition) }, end);
    for (const group of stream.groups) {
      members.set({ stream: stream.name, group: group.group }, group.members.length);
      for (const partition of group.partitions) {
        if (partition.committedOffset === null || partition.lag === null) continue;
        const labels = { stream: stream.name, group: group.group, partition: String(partition.partition) };
        committed.set(labels, partition.committedOffset);
        lag.set(labels, partition.lag);
      }
    }
  }
  return registry;
}
