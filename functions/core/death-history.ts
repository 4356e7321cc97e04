import * as z from 'zod/mini';

/** Why a message died, in RabbitMQ's words (`maxlen` does not exist in Postroom). */
export type DeathReason = 'rejected' | 'expired' | 'delivery_limit';

/**
 * One entry of a message's death history, RabbitMQ's `x-death`: the queue it died in and why, how
 * often it died there for that reason, when it last did, and where it was first published.
 */
export interface DeathEntry {
  readonly queue: string;
  readonly reason: DeathReason;
  /** Times the message died in this queue for this reason. */
  readonly count: number;
  /** ISO 8601 time of the latest of those deaths. */
  readonly time: string;
  /** The exchange and routing key of the original publish (`amq.default` and the queue name for a direct publish). */
  readonly exchange: string;
  readonly routingKeys: readonly string[];
  /** Postroom's addition: deliveries to consumers from this queue before the latest death. */
  readonly deliveryCount: number;
}

export const deathEntrySchema = z.object({
  queue: z.string(),
  reason: z.enum(['rejected', 'expired', 'delivery_limit']),
  count: z.number(),
  time: z.string(),
  exchange: z.string(),
  routingKeys: z.array(z.string()),
  deliveryCount: z.number(),
});

/**
 * The history after one more death, newest first. As in RabbitMQ, a death in a queue for a reason
 * already recorded increments that entry and moves it to the front instead of adding another, so
 * the history stays as long as the number of distinct (queue, reason) pairs.
 */
export function addDeath(history: readonly DeathEntry[], death: Omit<DeathEntry, 'count'>): DeathEntry[] {
  const previous = history.find((entry) => entry.queue === death.queue && entry.reason === death.reason);
  const others = history.filter((entry) => entry !== previous);
  return [{ ...death, count: (previous?.count ?? 0) + 1 }, ...others];
}
