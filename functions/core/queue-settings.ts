import type { SettingDifference } from './problems/index.ts';

/** A queue's declared settings; a redeclaration must repeat them exactly (after defaults). */
export interface QueueSettings {
  /** Deliveries before the message dies with reason `delivery_limit`. */
  readonly maxDeliveries: number;
  readonly visibilityTimeoutSeconds: number;
  readonly retentionSeconds: number;
  readonly delaySeconds: number;
  /** Exchange that messages dying here are republished through (API name, `amq.default` allowed). */
  readonly deadLetterExchange?: string;
  /** Routing key of those republished messages; without it, each keeps its own. */
  readonly deadLetterRoutingKey?: string;
  /** Queue TTL: a message expires this long after it entered the queue, unless its own TTL is lower. */
  readonly messageTtlMs?: number;
  /** Highest message priority the queue orders by (1..10); absent, the queue has no priorities. */
  readonly maxPriority?: number;
  /** An SQS FIFO queue: ordered per message group, deduplicated by message id. Absent when false. */
  readonly fifo?: true;
}

type NumericSetting = 'maxDeliveries' | 'visibilityTimeoutSeconds' | 'retentionSeconds' | 'delaySeconds';

/** Each numeric setting's range and default, in the order they are reported. */
export const queueSettingRanges = {
  maxDeliveries: { min: 1, max: 1000, default: 5 },
  visibilityTimeoutSeconds: { min: 0, max: 43_200, default: 30 },
  retentionSeconds: { min: 60, max: 1_209_600, default: 345_600 },
  delaySeconds: { min: 0, max: 900, default: 0 },
} as const satisfies Record<NumericSetting, { min: number; max: number; default: number }>;

const settingNames: readonly (keyof QueueSettings)[] = [
  ...(Object.keys(queueSettingRanges) as NumericSetting[]),
  'deadLetterExchange',
  'deadLetterRoutingKey',
  'messageTtlMs',
  'maxPriority',
  'fifo',
];

/** The settings whose values differ (an unset optional one shows as null), empty when equivalent. */
export function settingsDifferences(existing: QueueSettings, requested: QueueSettings): SettingDifference[] {
  return settingNames
    .filter((setting) => existing[setting] !== requested[setting])
    .map((setting) => ({ setting, existing: existing[setting] ?? null, requested: requested[setting] ?? null }));
}

/**
 * SQS's maxReceiveCount for the queue. With a dead-letter exchange, Postroom itself must see the
 * message that exceeded `maxDeliveries` (to republish it), so SQS's own redrive waits one receive
 * more and only catches what consumers bypassing Postroom leave behind.
 */
export const sqsMaxReceiveCount = (settings: QueueSettings): number =>
  settings.maxDeliveries + (settings.deadLetterExchange === undefined ? 0 : 1);

/** SQS's maxReceiveCount is at most 1000, so a queue with a dead-letter exchange allows one delivery fewer. */
export const MAX_DELIVERIES_WITH_DEAD_LETTER_EXCHANGE = 1000 - 1;

/** What an SQS queue's attributes say of its settings. */
export interface SqsQueueSettings {
  readonly maxReceiveCount: number;
  readonly visibilityTimeoutSeconds: number;
  readonly retentionSeconds: number;
  readonly delaySeconds: number;
}

/**
 * The settings an SQS queue was created with, to explain a conflicting declaration. SQS keeps no
 * dead-letter exchange, TTL or maximum priority (and FIFO-ness is in the name), so those are taken as `requested`: a change of whether the queue
 * has a dead-letter exchange shows as maxDeliveries off by one.
 */
export function settingsFromSqs({ maxReceiveCount, ...rest }: SqsQueueSettings, requested: QueueSettings): QueueSettings {
  return { ...requested, ...rest, maxDeliveries: maxReceiveCount - (sqsMaxReceiveCount(requested) - requested.maxDeliveries) };
}
