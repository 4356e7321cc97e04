import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PRODUCER_SORT_KEY } from '../core/streams/log-keys.ts';
import type { ProducerState } from '../core/streams/producer-sequence.ts';
import { batchGet } from './dynamodb-batches.ts';

export const producerItemKey = (producerKey: string) => ({ pk: producerKey, sk: PRODUCER_SORT_KEY });

export const toProducerItem = (producerKey: string, state: ProducerState, expiresAt: number) => ({
  ...producerItemKey(producerKey),
  firstSeq: state.firstSequence,
  lastSeq: state.lastSequence,
  base: state.baseOffset,
  ts: state.timestamp,
  expiresAt,
});

export const toProducerState = (item: Record<string, unknown>): ProducerState => ({
  firstSequence: item.firstSeq as number,
  lastSequence: item.lastSeq as number,
  baseOffset: item.base as number,
  timestamp: item.ts as number,
});

/** What partitions remember of idempotent producers: one item per producer and partition, in the records table. */
export class ProducerStates {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  /** Strongly consistent reads, by producer key; producers a partition has never seen are left out. */
  async getMany(producerKeys: readonly string[]): Promise<Map<string, ProducerState>> {
    const items = await batchGet(this.#documents, this.#tableName, producerKeys.map(producerItemKey), { consistent: true });
    return new Map(items.map((item) => [item.pk as string, toProducerState(item)]));
  }
}
