import { DeleteCommand, GetCommand, paginateQuery, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StreamIdentity } from '../core/streams/log-keys.ts';
import type { StreamSettings } from '../core/streams/stream-settings.ts';
import { isConditionalCheckFailedError } from './aws-errors.ts';
import { declareInTable } from './conditional-declaration.ts';

/** A stream declaration as recorded in the metadata table. */
export interface StreamDeclaration extends StreamIdentity {
  readonly settings: StreamSettings;
  /** ISO 8601 time of the first declaration. */
  readonly createdAt: string;
}

/** All declarations share one partition, so listing them is a single Query. */
const STREAM_PARTITION = 'stream';

const keyOf = (name: string) => ({ pk: STREAM_PARTITION, sk: name });

const toItem = ({ name, settings, incarnation, createdAt }: StreamDeclaration) => ({ ...keyOf(name), ...settings, incarnation, createdAt });

const toDeclaration = (item: Record<string, unknown>): StreamDeclaration => ({
  name: item.sk as string,
  incarnation: item.incarnation as string,
  settings: { partitions: item.partitions as number, retentionHours: item.retentionHours as number },
  createdAt: item.createdAt as string,
});

/** Stream declarations in the metadata table (pk = `stream`, sk = stream name). */
export class StreamRegistry {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  async find(name: string, options: { consistent?: boolean } = {}): Promise<StreamDeclaration | undefined> {
    const { Item } = await this.#documents.send(
      new GetCommand({ TableName: this.#tableName, Key: keyOf(name), ConsistentRead: options.consistent ?? false }),
    );
    return Item === undefined ? undefined : toDeclaration(Item);
  }

  /**
   * Records a declaration unless the name is taken: concurrent declarations end with one record.
   * @returns undefined when this one was written, else the declaration that exists
   */
  async add(declaration: StreamDeclaration): Promise<StreamDeclaration | undefined> {
    const existing = await declareInTable(this.#documents, this.#tableName, toItem(declaration));
    return existing && toDeclaration(existing);
  }

  /** Raises the partition count from `from` to `to`; false when it was no longer `from` (a concurrent change won). */
  async increasePartitions(name: string, from: number, to: number): Promise<boolean> {
    try {
      await this.#documents.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: keyOf(name),
          UpdateExpression: 'SET #partitions = :to',
          ConditionExpression: '#partitions = :from',
          // A reserved word in expressions.
          ExpressionAttributeNames: { '#partitions': 'partitions' },
          ExpressionAttributeValues: { ':from': from, ':to': to },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailedError(error)) return false;
      throw error;
    }
  }

  /** Every declaration, in name order (all pages). */
  async list(): Promise<StreamDeclaration[]> {
    const declarations: StreamDeclaration[] = [];
    const pages = paginateQuery(
      { client: this.#documents },
      { TableName: this.#tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': STREAM_PARTITION } },
    );
    for await (const page of pages) declarations.push(...(page.Items ?? []).map(toDeclaration));
    return declarations;
  }

  /** Removes this incarnation's declaration; a missing one, or a newer incarnation, is left alone. */
  async remove(stream: StreamIdentity): Promise<void> {
    try {
      await this.#documents.send(
        new DeleteCommand({
          TableName: this.#tableName,
          Key: keyOf(stream.name),
          ConditionExpression: 'incarnation = :incarnation',
          ExpressionAttributeValues: { ':incarnation': stream.incarnation },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailedError(error)) throw error;
    }
  }
}
