import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  paginateQuery,
  PutCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { QueueSettings } from '../core/queue-settings.ts';
import { isConditionalCheckFailedError } from './aws-errors.ts';

/** A queue declaration as recorded in the metadata table. */
export interface QueueRecord {
  readonly name: string;
  readonly settings: QueueSettings;
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  /** ISO 8601 time of the first declaration. */
  readonly createdAt: string;
}

/** All declarations share one partition, so listing them is a single Query. */
const QUEUE_PARTITION = 'queue';

interface QueueItem extends Omit<QueueRecord, 'name'> {
  readonly pk: typeof QUEUE_PARTITION;
  readonly sk: string;
}

const toItem = ({ name, ...rest }: QueueRecord): QueueItem => ({ pk: QUEUE_PARTITION, sk: name, ...rest });
const toRecord = (item: Record<string, unknown>): QueueRecord => {
  const { sk, settings, queueUrl, deadLetterQueueUrl, createdAt } = item as unknown as QueueItem;
  return { name: sk, settings, queueUrl, deadLetterQueueUrl, createdAt };
};

/** Queue declarations in the metadata table (pk = `queue`, sk = queue name). */
export class QueueRegistry {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  async find(name: string, options: { consistent?: boolean } = {}): Promise<QueueRecord | undefined> {
    const { Item } = await this.#documents.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: { pk: QUEUE_PARTITION, sk: name },
        ConsistentRead: options.consistent ?? false,
      }),
    );
    return Item === undefined ? undefined : toRecord(Item);
  }

  /**
   * Records a declaration unless the name is taken. The conditional put is the lock that lets
   * concurrent declarations end with one record: the loser gets the winner's record back.
   * @returns undefined when this record was written, else the record that already exists
   */
  async add(record: QueueRecord): Promise<QueueRecord | undefined> {
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: toItem(record),
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return undefined;
    } catch (error) {
      // The document client does not unmarshall items carried by errors.
      if (isConditionalCheckFailedError(error) && error.Item) {
        return toRecord(unmarshall(error.Item as Record<string, AttributeValue>));
      }
      throw error;
    }
  }

  /** Every declaration, in name order (all pages). */
  async list(): Promise<QueueRecord[]> {
    const records: QueueRecord[] = [];
    const pages = paginateQuery(
      { client: this.#documents },
      {
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': QUEUE_PARTITION },
      },
    );
    for await (const page of pages) records.push(...(page.Items ?? []).map(toRecord));
    return records;
  }

  /** Idempotent: removing a missing record succeeds. */
  async remove(name: string): Promise<void> {
    await this.#documents.send(new DeleteCommand({ TableName: this.#tableName, Key: { pk: QUEUE_PARTITION, sk: name } }));
  }
}
