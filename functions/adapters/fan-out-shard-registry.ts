import { paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ShardUsage } from '../core/fan-out-shards.ts';
import type { TopologyChange } from './topology-writer.ts';

/** Every shard's item shares one partition: listing them is a single Query (5,000 queues are 25 items). */
const SHARD_PARTITION = 'fan-out-shard';

/** Zero-padded, so that the Query returns shards in order. */
const keyOf = (shard: number) => ({ pk: SHARD_PARTITION, sk: String(shard).padStart(6, '0') }) as const;

/**
 * How many subscriptions each fan-out shard holds, in the metadata table (pk = `fan-out-shard`,
 * sk = shard number, `used` = slots taken). A queue's slots are taken in the same transaction that
 * records its declaration, and given back in the one that deletes it, so the counts always match
 * the declarations; the condition on `used` keeps concurrent declarations from over-filling a shard.
 */
export class FanOutShardRegistry {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #capacity: number;

  constructor(documents: DynamoDBDocumentClient, tableName: string, capacity: number) {
    this.#documents = documents;
    this.#tableName = tableName;
    this.#capacity = capacity;
  }

  /** Subscriptions per shard at most. */
  get capacity(): number {
    return this.#capacity;
  }

  /** The shards that hold or held queues (a strongly consistent Query); shards never used are absent. */
  async usage(): Promise<ShardUsage[]> {
    const usage: ShardUsage[] = [];
    const pages = paginateQuery(
      { client: this.#documents },
      { TableName: this.#tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': SHARD_PARTITION }, ConsistentRead: true },
    );
    for await (const page of pages) usage.push(...(page.Items ?? []).map((item) => ({ shard: Number(item.sk), used: item.used as number })));
    return usage;
  }

  /** A transaction action taking `slots` in `shard`; its condition fails when they would not fit. */
  reserveChange(shard: number, slots: number): TopologyChange {
    return {
      Update: {
        TableName: this.#tableName,
        Key: keyOf(shard),
        UpdateExpression: 'ADD used :slots',
        ConditionExpression: 'attribute_not_exists(used) OR used <= :room',
        ExpressionAttributeValues: { ':slots': slots, ':room': this.#capacity - slots },
      },
    };
  }

  /** A transaction action giving `slots` in `shard` back. */
  releaseChange(shard: number, slots: number): TopologyChange {
    return { Update: { TableName: this.#tableName, Key: keyOf(shard), UpdateExpression: 'ADD used :slots', ExpressionAttributeValues: { ':slots': -slots } } };
  }
}
