import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { isConditionalCheckFailedError } from '../adapters/aws-errors.ts';
import { OUTBOX_ATTRIBUTE, publishedPrefix, type OutboxEntry } from '../core/outbox.ts';
import type { OutboxPublisher } from './outbox-publisher.ts';

export interface OutboxRelayOptions {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly publish: OutboxPublisher;
}

/** An outbox item a batch's records added entries to. */
interface ChangedItem {
  readonly key: Record<string, unknown>;
  /** The first of the batch's records of this item: where Lambda retries from when it fails. */
  readonly firstSequenceNumber: string;
}

/** Appends between the relay's read and its removal: read again. */
const MAX_REMOVAL_ATTEMPTS = 5;

const entriesOf = (image: Record<string, AttributeValue> | undefined): OutboxEntry[] =>
  image === undefined ? [] : ((unmarshall(image)[OUTBOX_ATTRIBUTE] as OutboxEntry[] | undefined) ?? []);

/**
 * Relays outbox items from a team table's DynamoDB stream to Postroom. A stream record is only the
 * signal that an item got entries: its image is history, so the relay reads the item (consistent)
 * and publishes what is in it now, one entry after the other, then removes those from the item's
 * start (deletes the item once it is empty). Only the relay removes entries and appends add to the
 * end, so what an item holds is exactly what is not published yet, in order, and records of entries
 * published already cost one read. A record whose new image only lost entries (the relay's own
 * removal) is skipped. When publishing or removing fails, that item's first record and the ones
 * after it are reported as failed: Lambda hands them over again, and what was published already is
 * answered from the API's Idempotency-Key store, not published again.
 */
export class OutboxRelay {
  readonly #options: OutboxRelayOptions;

  constructor(options: OutboxRelayOptions) {
    this.#options = options;
  }

  async relay(records: readonly DynamoDBRecord[]): Promise<DynamoDBBatchResponse> {
    const items = new Map<string, ChangedItem>();
    for (const record of records) {
      const { Keys, NewImage, OldImage, SequenceNumber } = record.dynamodb ?? {};
      const before = new Set(entriesOf(OldImage as Record<string, AttributeValue> | undefined).map(({ id }) => id));
      if (!entriesOf(NewImage as Record<string, AttributeValue> | undefined).some(({ id }) => !before.has(id))) continue;
      const key = unmarshall(Keys as Record<string, AttributeValue>);
      const id = JSON.stringify(key);
      if (!items.has(id)) items.set(id, { key, firstSequenceNumber: SequenceNumber! });
    }
    const changed = [...items.values()];
    for (const [index, { key }] of changed.entries()) {
      try {
        await this.#relayItem(key);
      } catch {
        // Records are numbered in stream order: retry from the earliest record of an item not done.
        const first = changed.slice(index).map(({ firstSequenceNumber }) => firstSequenceNumber).sort(compareSequenceNumbers)[0]!;
        return { batchItemFailures: [{ itemIdentifier: first }] };
      }
    }
    return { batchItemFailures: [] };
  }

  /** Publishes the item's entries in order, then removes them from its start, or the item once nothing else is in it. */
  async #relayItem(key: Record<string, unknown>): Promise<void> {
    const { documents, tableName, publish } = this.#options;
    const read = async () => {
      const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      return (Item?.[OUTBOX_ATTRIBUTE] as OutboxEntry[] | undefined) ?? [];
    };
    let entries = await read();
    for (const entry of entries) await publish(entry);
    const published = new Set(entries.map(({ id }) => id));
    for (let attempt = 1; ; attempt++) {
      const count = publishedPrefix(entries, published);
      if (count === 0) return;
      // Unchanged since the read: as long, and the last entry removed still in its place.
      const unchanged = { ExpressionAttributeNames: { '#outbox': OUTBOX_ATTRIBUTE, '#id': 'id' }, ExpressionAttributeValues: { ':length': entries.length, ':last': entries[count - 1]!.id } };
      const condition = `size(#outbox) = :length AND #outbox[${count - 1}].#id = :last`;
      try {
        if (count === entries.length) {
          await documents.send(new DeleteCommand({ TableName: tableName, Key: key, ConditionExpression: condition, ...unchanged }));
        } else {
          const removals = Array.from({ length: count }, (_, index) => `#outbox[${index}]`).join(', ');
          await documents.send(new UpdateCommand({ TableName: tableName, Key: key, UpdateExpression: `REMOVE ${removals}`, ConditionExpression: condition, ...unchanged }));
        }
        return;
      } catch (error) {
        // An append since the read: entries published stay at the start, the new ones are the next record's.
        if (!isConditionalCheckFailedError(error) || attempt === MAX_REMOVAL_ATTEMPTS) throw error;
        entries = await read();
      }
    }
  }
}

/** DynamoDB stream sequence numbers are decimal strings of up to 40 digits. */
const compareSequenceNumbers = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
