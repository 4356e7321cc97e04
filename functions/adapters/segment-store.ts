import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type QueryCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { SegmentBounds } from '../core/streams/offset-search.ts';
import type { ProducerState } from '../core/streams/producer-sequence.ts';
import type { StoredSegment } from '../core/streams/read-slice.ts';
import { joinRecords, type PackedRecord } from '../core/streams/record-codec.ts';
import { compressRecords, type SegmentCodec } from '../core/streams/segment-compression.ts';
import type { SegmentDraft } from '../core/streams/segments.ts';
import { isTransactionCanceledError } from './aws-errors.ts';
import { tailKey, toTail, type Tail } from './partition-tails.ts';
import { toProducerItem, toProducerState } from './producer-states.ts';

/** The producer-state write that makes an append idempotent, in the append's transaction. */
export interface ProducerWrite {
  readonly key: string;
  /** The state the producer check saw; the write is conditional on it still being there. */
  readonly previous: ProducerState | undefined;
  readonly next: ProducerState;
  readonly expiresAt: number;
}

/** One append to one partition: segments from the end it builds on, all with one timestamp. */
export interface AppendPlan {
  readonly partitionKey: string;
  readonly expectedEnd: number;
  readonly segments: readonly SegmentDraft[];
  readonly timestamp: number;
  /** TTL attribute of the segments, epoch seconds. */
  readonly expiresAt: number;
  readonly producer?: ProducerWrite | undefined;
  /**
   * Writes of other tables that must commit with the append or not at all (an event store's
   * commit), last in the transaction; their conditions decide as much as the tail's.
   */
  readonly companions?: readonly TransactItem[] | undefined;
}

/** One TransactWriteItems entry of the document client (companions are given as such). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Why an append was not written: `tail` is present when the partition's end had moved (null when
 * the tail is gone, i.e. the stream was deleted), `producer` when the producer's state had changed
 * (null when there is none), `companion` when a companion's condition failed (its index, and the
 * item it found if it asked for it). None: the transaction collided with another one; try again.
 */
export type AppendOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly tail?: Tail | null;
      readonly producer?: ProducerState | null;
      readonly companion?: { readonly index: number; readonly item: Record<string, unknown> | null };
    };

/**
 * A segment item: offsets base .. base + n - 1 under the partition's key, sorted by base offset.
 * Its records are `r`: compressed bytes (a Binary, sized by its bytes) with their codec `c`, or
 * the JSON text without `c`, as segments written before compression and incompressible ones are.
 */
export function toSegmentItem(partitionKey: string, segment: SegmentDraft, timestamp: number, expiresAt: number) {
  return { pk: partitionKey, sk: segment.base, n: segment.records.length, ts: timestamp, ...recordAttributes(segment.records), expiresAt };
}

function recordAttributes(records: readonly PackedRecord[]): { r: string } | { r: Uint8Array; c: string } {
  const stored = compressRecords(joinRecords(records));
  return typeof stored === 'string' ? { r: stored } : { r: stored.bytes, c: stored.codec };
}

const toStoredSegment = (item: Record<string, unknown>): StoredSegment => ({
  base: item.sk as number,
  count: item.n as number,
  timestamp: item.ts as number,
  records: item.c === undefined ? (item.r as string) : { codec: item.c as SegmentCodec, bytes: item.r as Uint8Array },
});

const toBounds = (item: Record<string, unknown>): SegmentBounds => ({
  base: item.sk as number,
  end: (item.sk as number) + (item.n as number),
  timestamp: item.ts as number,
});

/** What a segment probe reads: its position and time, not its records (the read units are the same, the transfer is not). */
const boundsProjection = { ProjectionExpression: '#sk, #n, #ts', ExpressionAttributeNames: { '#sk': 'sk', '#n': 'n', '#ts': 'ts' } };

const reasonItem = (item: Record<string, AttributeValue> | undefined) => (item === undefined ? null : unmarshall(item));

/**
 * Cancellation reasons an append answers by trying again: a condition (someone else appended) or
 * contention (another transaction on the tail in flight, throttling). Any other reason is a bug.
 */
const RETRYABLE_CANCELLATIONS = new Set(['None', 'ConditionalCheckFailed', 'TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

/** A partition's log in the records table: segment items keyed by base offset, written with the tail. */
export class SegmentStore {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  /**
   * One TransactWriteItems: move the tail from `expectedEnd` to the new end, put the segments there,
   * and record the producer's sequence if idempotent. Either all of it lands or none, so offsets
   * have no holes and a writer that built on a stale end always collides with the one that won.
   */
  async append(plan: AppendPlan): Promise<AppendOutcome> {
    try {
      await this.#documents.send(new TransactWriteCommand({ TransactItems: this.#appendItems(plan) }));
      return { ok: true };
    } catch (error) {
      if (!isTransactionCanceledError(error)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons.some((reason) => !RETRYABLE_CANCELLATIONS.has(reason.Code ?? 'None'))) throw error;
      const failed = (index: number) => reasons[index]?.Code === 'ConditionalCheckFailed';
      const producerIndex = plan.segments.length + 1;
      if (!failed(0) && plan.segments.some((_, index) => failed(index + 1))) {
        throw new Error(`partition ${plan.partitionKey} has a segment at or after its tail's end ${plan.expectedEnd}`, { cause: error });
      }
      const tail = failed(0) ? reasonItem(reasons[0]?.Item) : undefined;
      const producerItem = plan.producer && failed(producerIndex) ? reasonItem(reasons[producerIndex]?.Item) : undefined;
      const companionsFrom = producerIndex + (plan.producer ? 1 : 0);
      const companion = (plan.companions ?? []).findIndex((_, index) => failed(companionsFrom + index));
      return {
        ok: false,
        ...(tail !== undefined && { tail: tail && toTail(tail) }),
        ...(producerItem !== undefined && { producer: producerItem && toProducerState(producerItem) }),
        ...(companion !== -1 && { companion: { index: companion, item: reasonItem(reasons[companionsFrom + companion]?.Item) } }),
      };
    }
  }

  /** The tail's move first, then the segments, then the producer state, then the companions: cancellation reasons come in this order. */
  #appendItems(plan: AppendPlan): TransactItem[] {
    return [...this.#logItems(plan), ...(plan.companions ?? [])];
  }

  #logItems(plan: AppendPlan) {
    const last = plan.segments.at(-1)!;
    const tail = {
      Update: {
        TableName: this.#tableName,
        Key: tailKey(plan.partitionKey),
        UpdateExpression: 'SET #end = :end, #ts = :ts',
        ConditionExpression: '#end = :expected',
        ExpressionAttributeNames: { '#end': 'end', '#ts': 'ts' },
        ExpressionAttributeValues: { ':end': last.base + last.records.length, ':ts': plan.timestamp, ':expected': plan.expectedEnd },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    };
    // The tail's condition already rules out an existing segment; this one guards the records
    // against a tail that was ever rewound (say, by a partial restore).
    const segments = plan.segments.map((segment) => ({
      Put: {
        TableName: this.#tableName,
        Item: toSegmentItem(plan.partitionKey, segment, plan.timestamp, plan.expiresAt),
        ConditionExpression: 'attribute_not_exists(sk)',
      },
    }));
    const { producer } = plan;
    if (producer === undefined) return [tail, ...segments];
    const producerPut = {
      Put: {
        TableName: this.#tableName,
        Item: toProducerItem(producer.key, producer.next, producer.expiresAt),
        ...(producer.previous
          ? { ConditionExpression: 'lastSeq = :last', ExpressionAttributeValues: { ':last': producer.previous.lastSequence } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    };
    return [tail, ...segments, producerPut];
  }

  /** The stored segment holding `offset` (greatest base ≤ offset) with its records; undefined if none is stored. */
  async holding(partitionKey: string, offset: number): Promise<StoredSegment | undefined> {
    const [item] = await this.#queryOne(partitionKey, 'sk BETWEEN :zero AND :offset', { ':zero': 0, ':offset': offset }, false);
    return item && toStoredSegment(item);
  }

  /** The first stored segment at or after `offset`: its bounds and time, not its records. */
  async boundsFrom(partitionKey: string, offset: number): Promise<SegmentBounds | undefined> {
    const [item] = await this.#queryOne(partitionKey, 'sk >= :offset', { ':offset': offset }, true, boundsProjection);
    return item && toBounds(item);
  }

  /** The stored segment holding `offset`: its bounds and time, not its records. */
  async boundsHolding(partitionKey: string, offset: number): Promise<SegmentBounds | undefined> {
    const [item] = await this.#queryOne(partitionKey, 'sk BETWEEN :zero AND :offset', { ':zero': 0, ':offset': offset }, false, boundsProjection);
    return item && toBounds(item);
  }

  /**
   * The stored segments whose base lies in [from, lastBase], in offset order, from at most `pages`
   * Query pages (DynamoDB ends a page at 1 MB). `complete` tells whether every such segment came.
   */
  async range(partitionKey: string, from: number, lastBase: number, pages: number): Promise<{ segments: StoredSegment[]; complete: boolean }> {
    const segments: StoredSegment[] = [];
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < pages && (page === 0 || startKey !== undefined); page++) {
      const { Items = [], LastEvaluatedKey } = await this.#documents.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :last',
          ExpressionAttributeValues: { ':pk': partitionKey, ':from': from, ':last': lastBase },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      segments.push(...Items.map(toStoredSegment));
      startKey = LastEvaluatedKey;
    }
    return { segments, complete: startKey === undefined };
  }

  /**
   * One item of a strongly consistent Query: consistent because a reader must see every append
   * that finished before it, or it could skip a segment and take the partition for shorter.
   */
  async #queryOne(
    partitionKey: string,
    sortKeyCondition: string,
    values: Record<string, number>,
    forward: boolean,
    projection: Pick<QueryCommandInput, 'ProjectionExpression' | 'ExpressionAttributeNames'> = {},
  ): Promise<Record<string, unknown>[]> {
    const { Items = [] } = await this.#documents.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: `pk = :pk AND ${sortKeyCondition}`,
        ExpressionAttributeValues: { ':pk': partitionKey, ...values },
        ScanIndexForward: forward,
        Limit: 1,
        ConsistentRead: true,
        ...projection,
      }),
    );
    return Items;
  }
}
