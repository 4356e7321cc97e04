/**
 * Limits of Amazon SNS (standard topics) that shape exchange publishing. A topic accepts up to 1 MiB
 * only with its MaximumMessageSize raised, which also caps it at 100 subscriptions; Postroom's topic
 * keeps the default so that it can serve its 200 filter-policy subscriptions (one per queue).
 */
export const SnsLimits = {
  /** Largest message, body plus message attributes: the topic's default MaximumMessageSize. */
  maxMessageBytes: 262_144,
  /** Largest PublishBatch request, all bodies and attributes together. */
  maxBatchBytes: 262_144,
  /** Entries in one PublishBatch call. */
  maxBatchEntries: 10,
} as const;
