import { GetCommand, PutCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { unpackCommit, type RecordedEvent } from '../core/event-store/event-codec.ts';
import { eventStreamKey, HEAD_SORT_KEY, snapshotKey, type StoreIdentity } from '../core/event-store/keys.ts';
import { MAX_EVENTS_PER_APPEND } from '../core/event-store/limits.ts';
import type { TransactItem } from './segment-store.ts';

/** Where an event stream is: its last version and the time of its last append (epoch ms). */
export interface StreamHead {
  readonly version: number;
  readonly recordedAt: number;
}

/** A page of events and whether the stream has more beyond it (in the read's direction, at the read's time). */
export interface EventPage {
  readonly events: RecordedEvent[];
  readonly more: boolean;
}

export interface Snapshot {
  readonly version: number;
  readonly state: unknown;
  readonly recordedAt: number;
}

/** Items a stream-listing Scan evaluates per call (before its filter). */
const STREAM_SCAN_PAGE = 200;

const toCommitEvents = (item: Record<string, unknown>) =>
  unpackCommit({ firstVersion: item.first as number, recordedAt: item.ts as number, events: item.e as string });

/**
 * The event streams of the stores, in the event store table: per stream a head (sort key -1: the
 * last version and append time) and one commit item per append (sort key = its last version, so
 * the first commit at or after a version holds that version). Appends are written as companions
 * of the log append (see EventAppender), never here alone.
 */
export class EventStreams {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  /** The stream's head, strongly consistent; undefined when the stream has no event. */
  async head(store: StoreIdentity, streamId: string): Promise<StreamHead | undefined> {
    const { Item } = await this.#documents.send(
      new GetCommand({ TableName: this.#tableName, Key: { pk: eventStreamKey(store, streamId), sk: HEAD_SORT_KEY }, ConsistentRead: true }),
    );
    return Item && { version: Item.version as number, recordedAt: Item.ts as number };
  }

  /**
   * The writes of one append: move the head from `head` (none: the stream must not exist) to the
   * append's last version, and put the commit there. The head's condition is the optimistic lock
   * that keeps versions gap-free; it returns the head it found when it fails.
   */
  commitWrites(store: StoreIdentity, streamId: string, head: StreamHead | undefined, firstVersion: number, count: number, packedEvents: string, recordedAt: number): TransactItem[] {
    const pk = eventStreamKey(store, streamId);
    const lastVersion = firstVersion + count - 1;
    return [
      {
        Put: {
          TableName: this.#tableName,
          Item: { pk, sk: HEAD_SORT_KEY, version: lastVersion, ts: recordedAt },
          ...(head === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': head.version } }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      // The head's condition already rules out an existing commit; this one guards against a head ever rewound.
      { Put: { TableName: this.#tableName, Item: { pk, sk: lastVersion, first: firstVersion, ts: recordedAt, e: packedEvents }, ConditionExpression: 'attribute_not_exists(sk)' } },
    ];
  }

  /** Up to `max` events from version `from` on, in order; `asOf` (epoch ms) leaves out what was recorded after it. */
  async forward(store: StoreIdentity, streamId: string, from: number, max: number, asOf = Number.POSITIVE_INFINITY): Promise<EventPage> {
    const events: RecordedEvent[] = [];
    for await (const item of this.#commits(streamId, store, 'sk >= :from', { ':from': from }, true, max + 1)) {
      for (const event of toCommitEvents(item)) {
        if (event.recordedAt > asOf) return { events, more: false };
        if (event.version < from) continue;
        if (events.length === max) return { events, more: true };
        events.push(event);
      }
    }
    return { events, more: false };
  }

  /** Up to `max` events from version `from` (the end when undefined) back, newest first. */
  async backward(store: StoreIdentity, streamId: string, from: number | undefined, max: number, asOf = Number.POSITIVE_INFINITY): Promise<EventPage> {
    const events: RecordedEvent[] = [];
    // A commit holds at most MAX_EVENTS_PER_APPEND events, so the one holding `from` ends by from + that - 1.
    const range = from === undefined ? ['sk >= :zero', { ':zero': 0 }] as const : ['sk BETWEEN :zero AND :upper', { ':zero': 0, ':upper': from + MAX_EVENTS_PER_APPEND - 1 }] as const;
    for await (const item of this.#commits(streamId, store, range[0], range[1], false, max + 1)) {
      for (const event of toCommitEvents(item).reverse()) {
        if (event.recordedAt > asOf || (from !== undefined && event.version > from)) continue;
        if (events.length === max) return { events, more: true };
        events.push(event);
      }
    }
    return { events, more: false };
  }

  /** The events of the stream's latest `commits` appends, in order. */
  async recent(store: StoreIdentity, streamId: string, commits: number): Promise<RecordedEvent[]> {
    const { Items = [] } = await this.#documents.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk AND sk >= :zero',
        ExpressionAttributeValues: { ':pk': eventStreamKey(store, streamId), ':zero': 0 },
        ScanIndexForward: false,
        Limit: commits,
        ConsistentRead: true,
      }),
    );
    return Items.reverse().flatMap(toCommitEvents);
  }

  /** Whether the stream had an event recorded at or before `asOf` (any event when unset). */
  async existed(store: StoreIdentity, streamId: string, asOf = Number.POSITIVE_INFINITY): Promise<boolean> {
    const { Items = [] } = await this.#documents.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk AND sk >= :zero',
        ExpressionAttributeValues: { ':pk': eventStreamKey(store, streamId), ':zero': 0 },
        ProjectionExpression: 'ts',
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return Items.length > 0 && (Items[0]!.ts as number) <= asOf;
  }

  /**
   * One page of the store's event stream ids, from a Scan of the table for their heads (the table is
   * keyed by stream; nothing lists a store's streams more cheaply), strongly consistent: a stream
   * with an append finished before the scan began is in it. `cursor` goes on from a page's end;
   * the last page has none.
   */
  async streamIds(store: StoreIdentity, cursor: Record<string, unknown> | undefined): Promise<{ streamIds: string[]; cursor?: Record<string, unknown> }> {
    const prefix = eventStreamKey(store, '');
    const { Items = [], LastEvaluatedKey } = await this.#documents.send(
      new ScanCommand({
        TableName: this.#tableName,
        FilterExpression: 'begins_with(pk, :prefix) AND sk = :head',
        ExpressionAttributeValues: { ':prefix': prefix, ':head': HEAD_SORT_KEY },
        ProjectionExpression: 'pk',
        // Pages small enough that a page's replay fits in one dispatcher invocation.
        Limit: STREAM_SCAN_PAGE,
        ConsistentRead: true,
        ExclusiveStartKey: cursor,
      }),
    );
    return { streamIds: Items.map((item) => (item.pk as string).slice(prefix.length)), ...(LastEvaluatedKey !== undefined && { cursor: LastEvaluatedKey }) };
  }

  /** Stores a snapshot (a later one at the same version replaces it); `state` is its JSON text. */
  async putSnapshot(store: StoreIdentity, streamId: string, version: number, state: string, recordedAt: number): Promise<void> {
    await this.#documents.send(new PutCommand({ TableName: this.#tableName, Item: { pk: snapshotKey(store, streamId), sk: version, state, ts: recordedAt } }));
  }

  /** The snapshot of the highest version, if any. */
  async latestSnapshot(store: StoreIdentity, streamId: string): Promise<Snapshot | undefined> {
    const { Items = [] } = await this.#documents.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': snapshotKey(store, streamId) },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = Items[0];
    return item && { version: item.sk as number, state: JSON.parse(item.state as string), recordedAt: item.ts as number };
  }

  /** Commit items of a stream in sort-key order, page after page (strongly consistent: a read sees every finished append). */
  async *#commits(streamId: string, store: StoreIdentity, condition: string, values: Record<string, number>, forward: boolean, limit: number): AsyncGenerator<Record<string, unknown>> {
    let startKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const { Items = [], LastEvaluatedKey } = await this.#documents.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: `pk = :pk AND ${condition}`,
          ExpressionAttributeValues: { ':pk': eventStreamKey(store, streamId), ...values },
          ScanIndexForward: forward,
          Limit: limit,
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      yield* Items;
      startKey = LastEvaluatedKey;
    } while (startKey !== undefined);
  }
}
