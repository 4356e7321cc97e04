import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapWithConcurrency } from '../core/concurrency.ts';
import { TAIL_SORT_KEY, type StreamIdentity } from '../core/streams/log-keys.ts';
import { StreamNotFoundError } from '../core/problems/index.ts';
import { isConditionalCheckFailedError } from './aws-errors.ts';
import { batchGet, batchWrite } from './dynamodb-batches.ts';

/**
 * A partition's end (its next offset, the high watermark) and the time of its last append. Every
 * append moves it in the same transaction that writes the segments, conditional on the end it
 * built on: the tail is the partition's lock and the one item that never expires, so the end
 * survives even when TTL has deleted every segment of an idle partition.
 */
export interface Tail {
  readonly end: number;
  readonly timestamp: number;
}

export const tailKey = (partitionKey: string) => ({ pk: partitionKey, sk: TAIL_SORT_KEY });

export const toTail = (item: Record<string, unknown>): Tail => ({ end: item.end as number, timestamp: item.ts as number });

/** Conditional puts in flight at once when tails are created. */
const CREATE_CONCURRENCY = 16;

/** The tail items of partitions in the records table. */
export class PartitionTails {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  /**
   * A strongly consistent read of a partition's tail.
   * @throws StreamNotFoundError when there is none: its stream was deleted
   */
  async get(stream: StreamIdentity, partitionKey: string): Promise<Tail> {
    const { Item } = await this.#documents.send(new GetCommand({ TableName: this.#tableName, Key: tailKey(partitionKey), ConsistentRead: true }));
    if (Item === undefined) throw new StreamNotFoundError(stream.name);
    return toTail(Item);
  }

  /** Strongly consistent reads of many tails, by partition key; missing ones are left out. */
  async getMany(partitionKeys: readonly string[]): Promise<Map<string, Tail>> {
    const items = await batchGet(this.#documents, this.#tableName, partitionKeys.map(tailKey), { consistent: true });
    return new Map(items.map((item) => [item.pk as string, toTail(item)]));
  }

  /**
   * Gives each partition an empty tail unless it has one. Conditional, because two concurrent
   * partition increases may both create the same new partitions, and one may already have been
   * appended to: an unconditional put would rewind its end.
   */
  async create(partitionKeys: readonly string[]): Promise<void> {
    await mapWithConcurrency(partitionKeys, CREATE_CONCURRENCY, async (partitionKey) => {
      try {
        await this.#documents.send(
          new PutCommand({
            TableName: this.#tableName,
            Item: { ...tailKey(partitionKey), end: 0, ts: 0 },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!isConditionalCheckFailedError(error)) throw error;
      }
    });
  }

  /** Deletes the tails; appends then fail (their condition needs the tail) and reads answer 404. */
  async remove(partitionKeys: readonly string[]): Promise<void> {
    await batchWrite(this.#documents, this.#tableName, partitionKeys.map((partitionKey) => ({ DeleteRequest: { Key: tailKey(partitionKey) } })));
  }
}
