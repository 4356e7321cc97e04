import { GetCommand, paginateQuery, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QueueSettings } from '../core/queue-settings.ts';
import { declareInTopology } from './conditional-declaration.ts';
import type { TopologyChange, TopologyWriter } from './topology-writer.ts';

/** A queue declaration as recorded in the metadata table. */
export interface QueueRecord {
  readonly name: string;
  readonly settings: QueueSettings;
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  /**
   * The queue's subscription to the fan-out topic; absent for queues declared before exchanges
   * existed, until they are declared again.
   */
  readonly subscriptionArn?: string;
  /** ISO 8601 time of the first declaration. */
  readonly createdAt: string;
  /** Priority levels 1..maxPriority (level 0 is the queue itself); absent without `maxPriority`. */
  readonly priorityLevels?: readonly PriorityLevel[];
  /**
   * The fan-out shard whose topic the queue and its levels subscribe to (core/fan-out-shards.ts);
   * absent for FIFO queues, which have no subscription, and for queues declared before shards
   * existed, which are on shard 0 without taking a counted slot.
   */
  readonly fanOutShard?: number;
}

/** The SQS queue of one priority level and its subscription to the fan-out topic. */
export interface PriorityLevel {
  readonly queueUrl: string;
  readonly subscriptionArn: string;
}

/** All declarations share one partition, so listing them is a single Query. */
const QUEUE_PARTITION = 'queue';

interface QueueItem extends Omit<QueueRecord, 'name'> {
  readonly pk: typeof QUEUE_PARTITION;
  readonly sk: string;
}

const keyOf = (name: string) => ({ pk: QUEUE_PARTITION, sk: name }) as const;
const toItem = ({ name, ...rest }: QueueRecord): QueueItem => ({ ...keyOf(name), ...rest });
const toRecord = (item: Record<string, unknown>): QueueRecord => {
  const { sk, settings, queueUrl, deadLetterQueueUrl, subscriptionArn, createdAt, priorityLevels, fanOutShard } = item as unknown as QueueItem;
  return {
    name: sk,
    settings,
    queueUrl,
    deadLetterQueueUrl,
    ...(subscriptionArn !== undefined && { subscriptionArn }),
    createdAt,
    ...(priorityLevels !== undefined && { priorityLevels }),
    ...(fanOutShard !== undefined && { fanOutShard }),
  };
};

/**
 * Queue declarations in the metadata table (pk = `queue`, sk = queue name). Queues are part of
 * the topology (bindings lead to them, the default exchange routes to them by name), so adding or
 * removing one is a topology change.
 */
export class QueueRegistry {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #writer: TopologyWriter;

  constructor(documents: DynamoDBDocumentClient, tableName: string, writer: TopologyWriter) {
    this.#documents = documents;
    this.#tableName = tableName;
    this.#writer = writer;
  }

  async find(name: string, options: { consistent?: boolean } = {}): Promise<QueueRecord | undefined> {
    const { Item } = await this.#documents.send(
      new GetCommand({ TableName: this.#tableName, Key: keyOf(name), ConsistentRead: options.consistent ?? false }),
    );
    return Item === undefined ? undefined : toRecord(Item);
  }

  /**
   * Records a declaration unless the name is taken, in one transaction with `alongside` (such as
   * taking the queue's slots in its fan-out shard). The conditional put is the lock that lets
   * concurrent declarations end with one record: the loser gets the winner's record back.
   * @returns undefined when this record was written, else the record that already exists
   * @throws ChangeRejectedError (index ≥ 1) when the condition of one of `alongside` failed
   */
  async add(record: QueueRecord, alongside: readonly TopologyChange[] = []): Promise<QueueRecord | undefined> {
    const existing = await declareInTopology(this.#writer, this.#tableName, { ...toItem(record) }, alongside);
    return existing && toRecord(existing);
  }

  /**
   * Records the queue's (new) subscriptions, its priority levels' with it; routing does not read
   * them, so this is no topology change.
   */
  async setSubscription(name: string, subscriptionArn: string, priorityLevels?: readonly PriorityLevel[]): Promise<void> {
    await this.#documents.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: keyOf(name),
        UpdateExpression: priorityLevels === undefined ? 'SET subscriptionArn = :arn' : 'SET subscriptionArn = :arn, priorityLevels = :levels',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':arn': subscriptionArn, ...(priorityLevels !== undefined && { ':levels': priorityLevels }) },
      }),
    );
  }

  /** Every declaration, in name order (all pages). */
  async list(options: { consistent?: boolean } = {}): Promise<QueueRecord[]> {
    const records: QueueRecord[] = [];
    const pages = paginateQuery(
      { client: this.#documents },
      {
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': QUEUE_PARTITION },
        ConsistentRead: options.consistent ?? false,
      },
    );
    for await (const page of pages) records.push(...(page.Items ?? []).map(toRecord));
    return records;
  }

  /** A transaction condition: the queue is declared. */
  existsCheck(name: string): TopologyChange {
    return { ConditionCheck: { TableName: this.#tableName, Key: keyOf(name), ConditionExpression: 'attribute_exists(pk)' } };
  }

  /** A transaction action removing the declaration; it fails if the declaration is already gone. */
  deleteChange(name: string): TopologyChange {
    return { Delete: { TableName: this.#tableName, Key: keyOf(name), ConditionExpression: 'attribute_exists(pk)' } };
  }
}
