/**
 * How a message came to be dead-lettered. A reject records it in SQS message attributes on the
 * dead-letter copy; a message SQS moved itself (its redrive policy, after maxDeliveries receives)
 * carries none, and SQS does not record when it moved it.
 */
export interface DeathRecord {
  /** RabbitMQ's reasons: `rejected` by a consumer, or `delivery_limit` reached. */
  readonly reason: string;
  readonly deliveryCount: number;
  /** ISO 8601 time of the move, or null when SQS moved the message (it keeps no such time). */
  readonly deadLetteredAt: string | null;
}

/** SQS message attribute names of the record (dots and dashes are allowed in attribute names). */
export const DeathAttribute = {
  reason: 'postroom.death.reason',
  deliveryCount: 'postroom.death.delivery-count',
  deadLetteredAt: 'postroom.death.at',
} as const;

/**
 * Room kept in every message for the death record a reject adds (about 140 bytes today), so that
 * any message Postroom accepted still fits SQS's size limit on its way to the dead letters.
 */
export const DEATH_RECORD_ALLOWANCE_BYTES = 1024;

/** Attribute values recording a reject, to attach to the dead-letter copy. */
export function rejectionAttributes(deliveryCount: number, at: Date): Record<string, string | number> {
  return {
    [DeathAttribute.reason]: 'rejected',
    [DeathAttribute.deliveryCount]: deliveryCount,
    [DeathAttribute.deadLetteredAt]: at.toISOString(),
  };
}

/**
 * The record of a dead-lettered message from its attribute values. Without attributes it was
 * moved by SQS's redrive policy, so it was delivered `maxDeliveries` times.
 */
export function readDeathRecord(attributes: Readonly<Record<string, string>>, maxDeliveries: number): DeathRecord {
  const reason = attributes[DeathAttribute.reason];
  if (reason === undefined) return { reason: 'delivery_limit', deliveryCount: maxDeliveries, deadLetteredAt: null };
  const recordedCount = Number(attributes[DeathAttribute.deliveryCount]);
  return {
    reason,
    deliveryCount: Number.isInteger(recordedCount) && recordedCount > 0 ? recordedCount : maxDeliveries,
    deadLetteredAt: attributes[DeathAttribute.deadLetteredAt] ?? null,
  };
}
