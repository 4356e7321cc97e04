/**
 * The transactional outbox's shape in a team's own table: one item per aggregate holds the list of
 * messages that aggregate's state changes produced and the relay has not published yet. One item
 * (not one per message) because a DynamoDB stream keeps order per item only: records of separate
 * items, even under one partition key, may arrive out of order.
 */
export const OUTBOX_ATTRIBUTE = 'postroomOutbox';

/** A message as the outbox keeps it, until the relay has published it. */
export interface OutboxEntry {
  /** The Idempotency-Key (and message id) it is published with: a relay retry never duplicates it. */
  readonly id: string;
  /** The message's JSON body (a queue or exchange message's `body`, a stream record's `value`), as JSON text. */
  readonly body: string;
  /** Exchange destinations: the routing key. */
  readonly routingKey?: string;
  /** Stream destinations: the record key (the aggregate's id keeps its records in one partition, in order). */
  readonly key?: string;
  readonly headers?: Readonly<Record<string, string | number | boolean>>;
}

/** Where a PostroomOutbox relays: its kind and name. */
export type OutboxDestinationKind = 'exchange' | 'queue' | 'stream';

/** How many entries of an outbox item, from its start, the relay published: those it may remove. */
export function publishedPrefix(entries: readonly Pick<OutboxEntry, 'id'>[], published: ReadonlySet<string>): number {
  const first = entries.findIndex(({ id }) => !published.has(id));
  return first === -1 ? entries.length : first;
}
