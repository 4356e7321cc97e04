import { GetCommand, paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ExchangeSettings } from '../core/exchanges/exchange-declaration.ts';
import type { ExchangeType } from '../core/routing/topology.ts';
import { declareInTopology } from './conditional-declaration.ts';
import type { TopologyChange, TopologyWriter } from './topology-writer.ts';

/** An exchange declaration as recorded in the metadata table. */
export interface ExchangeRecord extends ExchangeSettings {
  readonly name: string;
  /** ISO 8601 time of the first declaration. */
  readonly createdAt: string;
}

/** All exchanges share one partition, so listing them is a single Query. */
const EXCHANGE_PARTITION = 'exchange';

const keyOf = (name: string) => ({ pk: EXCHANGE_PARTITION, sk: name });
const toRecord = (item: Record<string, unknown>): ExchangeRecord => {
  const { sk, type, alternateExchange, createdAt } = item as { sk: string; type: ExchangeType; alternateExchange?: string; createdAt: string };
  return { name: sk, type, ...(alternateExchange !== undefined && { alternateExchange }), createdAt };
};

/** Exchange declarations in the metadata table (pk = `exchange`, sk = exchange name). */
export class ExchangeRegistry {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #writer: TopologyWriter;

  constructor(documents: DynamoDBDocumentClient, tableName: string, writer: TopologyWriter) {
    this.#documents = documents;
    this.#tableName = tableName;
    this.#writer = writer;
  }

  async find(name: string): Promise<ExchangeRecord | undefined> {
    const { Item } = await this.#documents.send(new GetCommand({ TableName: this.#tableName, Key: keyOf(name), ConsistentRead: true }));
    return Item === undefined ? undefined : toRecord(Item);
  }

  /** Every exchange, in name order (all pages). */
  async list(): Promise<ExchangeRecord[]> {
    const records: ExchangeRecord[] = [];
    const pages = paginateQuery(
      { client: this.#documents },
      {
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': EXCHANGE_PARTITION },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) records.push(...(page.Items ?? []).map(toRecord));
    return records;
  }

  /**
   * Records a declaration unless the name is taken: concurrent declarations end with one record,
   * and the loser gets the winner's back.
   * @returns undefined when this record was written, else the record that already exists
   */
  async add(record: ExchangeRecord): Promise<ExchangeRecord | undefined> {
    const { name, type, alternateExchange, createdAt } = record;
    const existing = await declareInTopology(this.#writer, this.#tableName, {
      ...keyOf(name),
      type,
      createdAt,
      ...(alternateExchange !== undefined && { alternateExchange }),
    });
    return existing && toRecord(existing);
  }

  /**
   * A transaction condition: the exchange exists, and with `type` also has that type, so that a
   * binding validated for one type can never end up on an exchange redeclared with another.
   */
  existsCheck(name: string, type?: ExchangeType): TopologyChange {
    return {
      ConditionCheck: {
        TableName: this.#tableName,
        Key: keyOf(name),
        ...(type === undefined
          ? { ConditionExpression: 'attribute_exists(pk)' }
          : {
              ConditionExpression: 'attribute_exists(pk) AND #type = :type',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':type': type },
            }),
      },
    };
  }

  /** A transaction action removing the declaration; it fails if the declaration is already gone. */
  deleteChange(name: string): TopologyChange {
    return { Delete: { TableName: this.#tableName, Key: keyOf(name), ConditionExpression: 'attribute_exists(pk)' } };
  }
}
