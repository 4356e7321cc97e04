import { paginateQuery, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { groupsPartition, type StreamIdentity } from '../core/streams/log-keys.ts';
import { isTransactionCanceledError } from './aws-errors.ts';
import { batchWrite } from './dynamodb-batches.ts';

export interface PartitionOffset {
  readonly partition: number;
  readonly offset: number;
}

/** Group names cannot contain '#', so `<group>#` prefixes exactly one group's items. */
const groupPrefix = (group: string) => `${group}#`;

/** The group, partition and offset of one of the groups partition's offset items; undefined for its other items. */
export function parseOffsetItem(item: Record<string, unknown>): { group: string; partition: number; offset: number } | undefined {
  const separator = (item.sk as string).lastIndexOf('#');
  if (separator < 0) return undefined;
  return { group: (item.sk as string).slice(0, separator), partition: item.partition as number, offset: item.offset as number };
}

/** A condition checked in the same transaction as a commit: a member's generation still current. */
export type CommitGuard = NonNullable<NonNullable<TransactWriteCommandInput['TransactItems']>[number]['ConditionCheck']>;

/** TransactWriteItems takes at most 100 actions; one of them is the guard. */
const GUARDED_CHUNK = 99;

const offsetItem = (stream: StreamIdentity, group: string, { partition, offset }: PartitionOffset, at: Date) => ({
  pk: groupsPartition(stream),
  sk: `${groupPrefix(group)}${partition}`,
  partition,
  offset,
  committedAt: at.toISOString(),
});

/**
 * Consumer groups' committed offsets in the metadata table, one item per group and partition, so
 * that a commit writes only the partitions it names (one small write each, 25 a call).
 */
export class GroupOffsets {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  /** The group's committed offsets by partition; empty when the group never committed. */
  async committed(stream: StreamIdentity, group: string): Promise<Map<number, number>> {
    const offsets = new Map<number, number>();
    for await (const item of this.#items(stream, groupPrefix(group))) offsets.set(item.partition as number, item.offset as number);
    return offsets;
  }

  async commit(stream: StreamIdentity, group: string, offsets: readonly PartitionOffset[], at: Date): Promise<void> {
    await batchWrite(
      this.#documents,
      this.#tableName,
      offsets.map((entry) => ({ PutRequest: { Item: offsetItem(stream, group, entry, at) } })),
    );
  }

  /**
   * Commits only while `guard` holds, checked in each transaction (of up to 99 offsets) that writes
   * them: twice the write units of `commit`, for fencing that no rebalance can slip past.
   * @returns false when the guard failed; offsets of earlier transactions stay committed
   */
  async commitGuarded(stream: StreamIdentity, group: string, offsets: readonly PartitionOffset[], at: Date, guard: CommitGuard): Promise<boolean> {
    for (let start = 0; start < offsets.length; start += GUARDED_CHUNK) {
      const puts = offsets.slice(start, start + GUARDED_CHUNK).map((entry) => ({ Put: { TableName: this.#tableName, Item: offsetItem(stream, group, entry, at) } }));
      try {
        await this.#documents.send(new TransactWriteCommand({ TransactItems: [{ ConditionCheck: guard }, ...puts] }));
      } catch (error) {
        if (isTransactionCanceledError(error) && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
        throw error;
      }
    }
    return true;
  }

  /** Forgets every group of the stream (when it is deleted). */
  async removeAll(stream: StreamIdentity): Promise<void> {
    const keys: Record<string, unknown>[] = [];
    for await (const item of this.#items(stream)) keys.push({ pk: item.pk, sk: item.sk });
    await batchWrite(this.#documents, this.#tableName, keys.map((Key) => ({ DeleteRequest: { Key } })));
  }

  /** The stream's group items, or one group's when a prefix is given (consistent: a commit is read back at once). */
  async *#items(stream: StreamIdentity, prefix?: string): AsyncGenerator<Record<string, unknown>> {
    const pages = paginateQuery(
      { client: this.#documents },
      {
        TableName: this.#tableName,
        KeyConditionExpression: prefix === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': groupsPartition(stream), ...(prefix !== undefined && { ':prefix': prefix }) },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) yield* page.Items ?? [];
  }
}
