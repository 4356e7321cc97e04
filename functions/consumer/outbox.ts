import { randomUUID } from 'node:crypto';
import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { OUTBOX_ATTRIBUTE, type OutboxEntry } from '../core/outbox.ts';

export { OUTBOX_ATTRIBUTE, type OutboxEntry } from '../core/outbox.ts';

/** A message to publish once the transaction it is part of commits. */
export interface OutboxMessage {
  /**
   * Its id: the Idempotency-Key and message id it is published with.
   *
   * @default a random UUID
   */
  readonly id?: string;
  /** Any JSON value: a queue or exchange message's body, a stream record's value. */
  readonly body: unknown;
  /** For an exchange destination. */
  readonly routingKey?: string;
  /** For a stream destination: the record's key (e.g. the aggregate's id, to keep its records in one partition). */
  readonly key?: string;
  readonly headers?: Readonly<Record<string, string | number | boolean>>;
}

export interface OutboxWriteOptions {
  /** The team's table, whose DynamoDB stream the PostroomOutbox relays from. */
  readonly tableName: string;
  /**
   * The key of the aggregate's outbox item: an item of its own (the relay deletes it once it has
   * published everything in it), one per aggregate, e.g. `{ pk: 'account-1', sk: 'outbox' }`.
   */
  readonly key: Record<string, NativeAttributeValue>;
  readonly messages: readonly OutboxMessage[];
}

/**
 * The TransactWriteItems action (for lib-dynamodb's TransactWriteCommand) that adds `messages` to
 * the aggregate's outbox item: put it in the same transaction as the state change, and the messages
 * exist if and only if the change committed. No dual write: the PostroomOutbox construct publishes
 * them from the table's stream, in order per aggregate, each once.
 *
 * @example
 * await documents.send(new TransactWriteCommand({ TransactItems: [
 *   { Put: { TableName, Item: { pk: 'account-1', sk: 'state', balance: 70, version: 3 }, ConditionExpression: 'version = :two', … } },
 *   outboxWrite({ tableName: TableName, key: { pk: 'account-1', sk: 'outbox' }, messages: [{ body: { account: 'account-1', amount: 30 }, routingKey: 'withdrawals.large' }] }),
 * ] }));
 */
export function outboxWrite({ tableName, key, messages }: OutboxWriteOptions) {
  if (messages.length === 0) throw new Error('an outbox write needs at least one message');
  const entries = messages.map(({ id = randomUUID(), body, routingKey, key: recordKey, headers }): OutboxEntry => ({
    id,
    body: JSON.stringify(body ?? null),
    ...(routingKey !== undefined && { routingKey }),
    ...(recordKey !== undefined && { key: recordKey }),
    ...(headers !== undefined && { headers }),
  }));
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: 'SET #outbox = list_append(if_not_exists(#outbox, :none), :entries)',
      ExpressionAttributeNames: { '#outbox': OUTBOX_ATTRIBUTE },
      ExpressionAttributeValues: { ':none': [], ':entries': entries },
    },
  };
}
