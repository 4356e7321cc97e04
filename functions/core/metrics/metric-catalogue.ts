/**
 * Every metric Postroom emits to CloudWatch (as embedded metric format, from the function that sees
 * the event), with its unit and the dimension sets it may carry. The CDK dashboard and alarms, the
 * functions that emit, the local runtime that aggregates EMF and `GET /v1/metrics` all take names
 * from here: these names are API and do not change.
 *
 * Dimension policy (bounded, so that declaring a queue by accident costs nothing): every metric is
 * always emitted broker-wide, dimensions `Broker` (the broker's queue name prefix) only; a resource
 * also gets its own dimension set (`Broker` + `Queue`, `Exchange`, `Stream` or `Saga`) only when it
 * is monitored: declared in CDK, or matching a pattern of the broker's `metricResources` prop. The
 * construct passes both to the functions as JSON in the environment variable
 * `POSTROOM_METRIC_RESOURCES` (see {@link MetricResourcePolicy}). A stream's consumer groups (and
 * their partitions) get theirs when the stream is monitored.
 */

/** The CloudWatch namespace of Postroom's own metrics. */
export const METRIC_NAMESPACE = 'Postroom';

/** The environment variable carrying the monitored resources (JSON, {@link MetricResourcePolicy}). */
export const METRIC_RESOURCES_ENV = 'POSTROOM_METRIC_RESOURCES';

/** Dimension names. `Broker` is on every dimension set. */
export const MetricDimension = {
  broker: 'Broker',
  queue: 'Queue',
  exchange: 'Exchange',
  stream: 'Stream',
  group: 'Group',
  partition: 'Partition',
  saga: 'Saga',
} as const;
export type MetricDimensionName = (typeof MetricDimension)[keyof typeof MetricDimension];

/** CloudWatch units used here (the same strings as Powertools' `MetricUnit`). */
export type MetricUnitName = 'Count' | 'Bytes' | 'Milliseconds';

/** The kinds of resource a per-resource dimension set names. */
export type MonitoredKind = 'queue' | 'exchange' | 'stream' | 'saga';

/** Where a metric's values come from, and who emits it. */
export type MetricSource =
  /** The API function, as it handles the request that causes the event. */
  | 'api'
  /** The scheduled stream-lag function, once per schedule tick. */
  | 'stream-lag'
  /** A StreamConsumer's dispatcher, as it pushes records to the consumer function. */
  | 'stream-dispatcher'
  /** A user's SQS consumer function made with `postroomSqsConsumer` (postroom/consumer), when given the broker and queue. */
  | 'consumer';

export interface MetricDefinition {
  readonly name: string;
  readonly unit: MetricUnitName;
  /** `counter`: values add up; `distribution`: each value is one observation (CloudWatch keeps percentiles); `gauge`: the latest reading. */
  readonly kind: 'counter' | 'distribution' | 'gauge';
  /**
   * Dimension sets beside the broker-wide one (`[Broker]`, always emitted), each only for a
   * monitored resource: the last name is the resource's own.
   */
  readonly resourceDimensions: readonly (readonly MetricDimensionName[])[];
  readonly source: MetricSource;
  readonly description: string;
}

const { broker: B, queue: Q, exchange: E, stream: S, group: G, partition: P, saga: SG } = MetricDimension;

const counter = (
  name: string,
  resourceDimensions: readonly (readonly MetricDimensionName[])[],
  description: string,
  unit: MetricUnitName = 'Count',
  source: MetricSource = 'api',
): MetricDefinition => ({
  name,
  unit,
  kind: 'counter',
  resourceDimensions,
  source,
  description,
});

/** Postroom's metrics by key. Keys and names are stable. */
export const Metrics = {
  queuePublished: counter('QueuePublished', [[B, Q]], 'Messages accepted into a queue: by a queue publish, or as a copy an exchange publish routed to it.'),
  queueDelivered: counter('QueueDelivered', [[B, Q]], 'Messages returned by receive (redeliveries included).'),
  queueAcked: counter('QueueAcked', [[B, Q]], 'Messages acknowledged: ack, and receive with ack "auto".'),
  queueNacked: counter('QueueNacked', [[B, Q]], 'Messages negatively acknowledged, requeued or not.'),
  queueDeadLettered: counter(
    'QueueDeadLettered',
    [[B, Q]],
    "Messages Postroom dead-lettered (rejected, or expired or over the delivery limit with a dead-letter exchange): moved to the dead-letter queue or republished through the dead-letter exchange. SQS's own redrive after maxDeliveries shows in the dead-letter queue's depth instead.",
  ),
  queueRedriven: counter('QueueRedriven', [[B, Q]], 'Dead letters moved back into their queue.'),
  queueWait: {
    name: 'QueueWait',
    unit: 'Milliseconds',
    kind: 'distribution',
    resourceDimensions: [[B, Q]],
    source: 'api',
    description: "Time from a message's publish to its first delivery.",
  },
  queueProcessingTime: {
    name: 'QueueProcessingTime',
    unit: 'Milliseconds',
    kind: 'distribution',
    resourceDimensions: [[B, Q]],
    source: 'api',
    description: "Time from a message's delivery to its ack (the receipt carries the delivery time).",
  },
  exchangePublished: counter('ExchangePublished', [[B, E]], 'Messages published to an exchange.'),
  exchangeRoutedCopies: counter('ExchangeRoutedCopies', [[B, E]], 'Copies an exchange publish put into queues (one per queue a message reached).'),
  exchangeUnroutable: counter('ExchangeUnroutable', [[B, E]], 'Messages an exchange routed to no queue.'),
  exchangeReturned: counter('ExchangeReturned', [[B, E]], 'Unroutable messages published with mandatory, returned to the publisher.'),
  streamRecordsProduced: counter('StreamRecordsProduced', [[B, S]], "Records in the produce requests a stream accepted (an idempotent producer's retried batch, answered with its original offsets, counts again)."),
  streamBytesProduced: counter('StreamBytesProduced', [[B, S]], 'Bytes of those records as stored (the JSON of key, value and headers).', 'Bytes'),
  streamGroupRebalances: counter('StreamGroupRebalances', [[B, S, G]], "Changes of a consumer group's membership (a member joined, left or expired)."),
  streamGroupLagRecords: {
    name: 'StreamGroupLagRecords',
    unit: 'Count',
    kind: 'gauge',
    resourceDimensions: [
      [B, S, G],
      [B, S, G, P],
    ],
    source: 'stream-lag',
    description: 'Records between a group\'s committed offset and the high watermark: summed over partitions (per group), or of one partition; broker-wide, the sum over every group.',
  },
  streamGroupLagAge: {
    name: 'StreamGroupLagAge',
    unit: 'Milliseconds',
    kind: 'gauge',
    resourceDimensions: [
      [B, S, G],
      [B, S, G, P],
    ],
    source: 'stream-lag',
    description: 'Now minus the append time of the next record a group will read (0 when caught up): the maximum over partitions, groups, or both.',
  },
  streamGroupCommittedOffset: {
    name: 'StreamGroupCommittedOffset',
    unit: 'Count',
    kind: 'gauge',
    resourceDimensions: [[B, S, G, P]],
    source: 'stream-lag',
    description: "A group's committed offset on a partition (the next offset it will read). Not emitted broker-wide.",
  },
  streamGroupMembers: {
    name: 'StreamGroupMembers',
    unit: 'Count',
    kind: 'gauge',
    resourceDimensions: [[B, S, G]],
    source: 'stream-lag',
    description: "Members of a consumer group with an unexpired session; broker-wide, the sum.",
  },
  // A StreamConsumer exists only where CDK declares it, so its stream and group always get their own set.
  streamRecordsDelivered: counter(
    'StreamRecordsDelivered',
    [[B, S, G]],
    "Records a StreamConsumer's function processed: those of a delivery that succeeded, or before the record it reported failed (a record delivered again after a crash counts again).",
    'Count',
    'stream-dispatcher',
  ),
  streamDeliveryLatency: {
    name: 'StreamDeliveryLatency',
    unit: 'Milliseconds',
    kind: 'distribution',
    resourceDimensions: [[B, S, G]],
    source: 'stream-dispatcher',
    description: "Time from a record's append to the end of the delivery that processed it, one observation per record.",
  },
  streamDeliveryFailures: counter(
    'StreamDeliveryFailures',
    [[B, S, G]],
    "Deliveries to a StreamConsumer's function that failed (it threw, timed out or reported a record failed): each is retried, or its record dead-lettered after maxAttempts.",
    'Count',
    'stream-dispatcher',
  ),
  streamRecordsDeadLettered: counter('StreamRecordsDeadLettered', [[B, S, G]], 'Records a StreamConsumer sent to its dead-letter queue after maxAttempts failed deliveries.', 'Count', 'stream-dispatcher'),
  // A consumer function names its queue in its own code (CDK-declared too), so the queue always gets its own set.
  queueConsumed: counter('QueueConsumed', [[B, Q]], 'Messages a postroomSqsConsumer function processed (a duplicate answered with its stored result included).', 'Count', 'consumer'),
  queueConsumeFailures: counter('QueueConsumeFailures', [[B, Q]], 'Messages a postroomSqsConsumer function failed on: reported as batch item failures, so SQS delivers them again.', 'Count', 'consumer'),
  queueConsumeRedeliveries: counter('QueueConsumeRedeliveries', [[B, Q]], 'Messages that reached a postroomSqsConsumer function again (SQS ApproximateReceiveCount above 1).', 'Count', 'consumer'),
  queueConsumeLatency: {
    name: 'QueueConsumeLatency',
    unit: 'Milliseconds',
    kind: 'distribution',
    resourceDimensions: [[B, Q]],
    source: 'consumer',
    description: "Time from a message's publish to the end of its processing by a postroomSqsConsumer function.",
  },
  sagaStarted: counter('SagaStarted', [[B, SG]], 'Saga executions started through the API (a repeated start with the same id not counted).'),
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof Metrics;

/** The one dimension set of a broker-wide total. */
export const BROKER_DIMENSIONS: readonly MetricDimensionName[] = [B];

/**
 * Saga outcomes are Step Functions' own metrics of the saga's state machine (namespace `AWS/States`,
 * dimension `StateMachineArn`, free): a completed or compensated saga ends its execution as
 * succeeded (`ExecutionsSucceeded`; the saga's status tells which), a failed compensation as failed
 * (`ExecutionsFailed`, also the saga's notification queue), a timed-out saga as `ExecutionsTimedOut`,
 * and the duration is `ExecutionTime`. Postroom emits nothing for them: no function sees the end of
 * an execution without an extra call.
 */
export const SagaStateMachineMetrics = {
  completedOrCompensated: 'ExecutionsSucceeded',
  compensationFailed: 'ExecutionsFailed',
  timedOut: 'ExecutionsTimedOut',
  duration: 'ExecutionTime',
} as const;

/**
 * The monitored resources: for each kind, names and `*` patterns (`*` matches any run of
 * characters, including none). What `POSTROOM_METRIC_RESOURCES` holds, as JSON.
 */
export type MetricResourcePolicy = Readonly<Partial<Record<MonitoredKind, readonly string[]>>>;

const KINDS: readonly MonitoredKind[] = ['queue', 'exchange', 'stream', 'saga'];

/**
 * Reads `POSTROOM_METRIC_RESOURCES`. Unset, empty or malformed: nothing is monitored per resource
 * (metrics stay broker-wide), so a bad value can never multiply the metric bill.
 */
export function readMetricResourcePolicy(raw: string | undefined): MetricResourcePolicy {
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const policy: Partial<Record<MonitoredKind, string[]>> = {};
  for (const kind of KINDS) {
    const patterns = (parsed as Record<string, unknown>)[kind];
    if (Array.isArray(patterns)) policy[kind] = patterns.filter((pattern): pattern is string => typeof pattern === 'string' && pattern.length > 0);
  }
  return policy;
}

/** The JSON the construct puts in `POSTROOM_METRIC_RESOURCES`: names sorted and deduplicated, empty kinds left out. */
export function writeMetricResourcePolicy(policy: MetricResourcePolicy): string {
  const entries = KINDS.flatMap((kind) => {
    const patterns = [...new Set(policy[kind] ?? [])].sort();
    return patterns.length > 0 ? [[kind, patterns] as const] : [];
  });
  return JSON.stringify(Object.fromEntries(entries));
}

const escapeRegExp = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** Answers whether a resource has its own dimension set, compiling the patterns once. */
export function metricResourceMatcher(policy: MetricResourcePolicy): (kind: MonitoredKind, name: string) => boolean {
  const matchers = new Map(
    KINDS.map((kind) => {
      const patterns = policy[kind] ?? [];
      if (patterns.length === 0) return [kind, () => false] as const;
      const regex = new RegExp(`^(?:${patterns.map((pattern) => pattern.split('*').map(escapeRegExp).join('.*')).join('|')})$`, 's');
      return [kind, (name: string) => regex.test(name)] as const;
    }),
  );
  return (kind, name) => matchers.get(kind)!(name);
}
