import { ProblemError } from './problem.ts';

/* Problems of queues and publishing to them. */

export class InvalidQueueNameError extends ProblemError {
  constructor(name: string) {
    super({
      status: 400,
      code: 'invalid_queue_name',
      title: 'Invalid queue name',
      detail: `${JSON.stringify(name)} is not a valid queue name: use 1 to 128 letters, digits, '.', '_' or '-'.`,
    });
  }
}

export class QueueNotFoundError extends ProblemError {
  constructor(name: string) {
    super({
      status: 404,
      code: 'queue_not_found',
      title: 'Queue not found',
      detail: `Queue ${JSON.stringify(name)} does not exist; declare it with PUT /v1/queues/${name} first.`,
    });
  }
}

/** One setting whose declared value differs from the requested one. */
export interface SettingDifference {
  readonly setting: string;
  /** null for an optional setting that is not set. */
  readonly existing: number | string | boolean | null;
  readonly requested: number | string | boolean | null;
}

/** RabbitMQ's PRECONDITION_FAILED for a redeclaration with other arguments. */
export class QueueExistsWithDifferentSettingsError extends ProblemError {
  constructor(name: string, differences: readonly SettingDifference[]) {
    // No listed difference means the SQS queue itself was changed outside Postroom.
    const listed =
      differences.map((d) => `${d.setting} is ${JSON.stringify(d.existing)}, not ${JSON.stringify(d.requested)}`).join('; ') ||
      'its SQS queue was changed outside Postroom';
    super({
      status: 409,
      code: 'queue_exists_with_different_settings',
      title: 'Queue exists with different settings',
      detail: `Queue ${JSON.stringify(name)} already exists with different settings (${listed}); declare it with its existing settings, or delete it first.`,
      extensions: { differences },
    });
  }
}

/** SQS refuses to create a queue within 60 seconds of deleting one of the same name. */
export class QueueRecentlyDeletedError extends ProblemError {
  constructor(name: string) {
    super({
      status: 409,
      code: 'queue_recently_deleted',
      title: 'Queue recently deleted',
      detail: `Queue ${JSON.stringify(name)} was deleted less than a minute ago, and SQS does not allow recreating it yet; declare it again in a minute.`,
    });
  }
}

/** The limits a queue declaration can meet, each with what to do about it. */
const queueQuotas = {
  filterPolicies: {
    quota: 'SNS filter policies per account',
    remedy: "SNS's quota of subscription filter policies in this account and region (10,000 by default, one per queue and per priority level) is used up. Delete queues, or raise the quota in Service Quotas",
  },
  topics: {
    quota: 'SNS topics per account',
    remedy: "SNS's quota of standard topics in this account and region (100,000 by default) is used up, so no fan-out shard can be added. Delete topics, or raise the quota in Service Quotas",
  },
  shardCapacity: {
    quota: 'fan-out shard capacity',
    remedy: "the queue and its priority levels need more subscriptions than one fan-out shard holds (the stack's fanOutShardCapacity). Declare it with a lower maxPriority, or raise the capacity together with SNS's filter-policies-per-topic quota",
  },
} as const;

export type QueueQuota = keyof typeof queueQuotas;

/**
 * A queue needs one SNS subscription with a filter policy per level, in a fan-out shard with room;
 * this names the limit that stopped it.
 */
export class QueueLimitReachedError extends ProblemError {
  constructor(name: string, quota: QueueQuota) {
    const { quota: named, remedy } = queueQuotas[quota];
    super({
      status: 409,
      code: 'queue_limit_reached',
      title: 'Queue limit reached',
      detail: `Queue ${JSON.stringify(name)} cannot be subscribed to the stack's fan-out topics: ${remedy}, then declare it again.`,
      extensions: { quota: named },
    });
  }
}

export class QueueNotEmptyError extends ProblemError {
  constructor(name: string, counts: { readonly ready: number; readonly inFlight: number; readonly delayed: number }) {
    super({
      status: 409,
      code: 'queue_not_empty',
      title: 'Queue not empty',
      detail: `Queue ${JSON.stringify(name)} still holds messages (${counts.ready} ready, ${counts.inFlight} in flight, ${counts.delayed} delayed); consume them or delete without ifEmpty=true.`,
      extensions: { messages: counts },
    });
  }
}

/** SQS allows one PurgeQueue per queue in 60 seconds, and does not say when the last one was. */
export class PurgeInProgressError extends ProblemError {
  constructor(name: string) {
    super({
      status: 409,
      code: 'purge_in_progress',
      title: 'Purge in progress',
      detail: `Queue ${JSON.stringify(name)} was purged less than a minute ago, and SQS allows one purge a minute (deleting the messages takes up to a minute too); purge again after Retry-After seconds.`,
      headers: { 'retry-after': '60' },
    });
  }
}

export class MessageTooLargeError extends ProblemError {
  constructor(index: number, messageId: string, bytes: number, limit: number) {
    super({
      status: 413,
      code: 'message_too_large',
      title: 'Message too large',
      detail: `Message ${index} (${JSON.stringify(messageId)}) is ${bytes} bytes once encoded, over the limit of ${limit}; nothing was published. Store large payloads elsewhere and publish a reference.`,
      extensions: { index, messageId, bytes, limit },
    });
  }
}

/** Some messages reached the queue, some did not, for reasons on AWS's side: retry the failed ones. */
export class PublishIncompleteError extends ProblemError {
  constructor(publishedMessageIds: readonly string[], failedMessageIds: readonly string[]) {
    super({
      status: 503,
      code: 'publish_incomplete',
      title: 'Publish incomplete',
      detail: `${failedMessageIds.length} of ${publishedMessageIds.length + failedMessageIds.length} messages could not be published because AWS was unavailable; publish the failed ones again.`,
      extensions: { publishedMessageIds, failedMessageIds },
    });
  }
}
