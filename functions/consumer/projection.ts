import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { upcast, type LoggedEvent, type Upcasters } from '../core/event-store/upcasting.ts';
import type { StreamConsumerEvent, StreamConsumerResponse } from './stream-consumer.ts';

export type { LoggedEvent, Upcaster, Upcasters } from '../core/event-store/upcasting.ts';

/** A read-model item's key: its key attributes and their values. */
export type ReadModelKey = Record<string, NativeAttributeValue>;

/** A read model as the reducer sees it: the item without its key and the projection's own attributes. */
export type ReadModel = Record<string, NativeAttributeValue>;

/** One event's explicit change to a read-model item: an UpdateItem's key and update expression. */
export interface ProjectionUpdate {
  readonly key: ReadModelKey;
  /** e.g. `SET balance = if_not_exists(balance, :zero) + :amount`; `ADD`, `REMOVE` and `DELETE` clauses as you need. */
  readonly updateExpression: string;
  readonly expressionAttributeNames?: Record<string, string>;
  readonly expressionAttributeValues?: Record<string, NativeAttributeValue>;
}

interface CommonOptions {
  /** The read-model table (e.g. `Projection.table`'s name). */
  readonly tableName: string;
  /** Lift old schema versions to the current one before the events are applied. */
  readonly upcasters?: Upcasters;
  /** @default a DynamoDB document client with the SDK's defaults */
  readonly client?: DynamoDBDocumentClient;
}

export type ProjectionOptions<Model extends ReadModel> = CommonOptions &
  (
    | {
        /**
         * The reducer: the item's model before the event (undefined when there is none) to the one
         * after. Events of one item within a delivery are folded together and written once.
         */
        readonly reduce: (model: Model | undefined, event: LoggedEvent) => Model;
        /**
         * The item an event belongs to.
         *
         * @default `{ id: event.streamId }`: one item per event stream
         */
        readonly key?: (event: LoggedEvent) => ReadModelKey;
        readonly update?: never;
      }
    | {
        /** The event's change as an update expression (no read), or undefined when the event changes nothing. */
        readonly update: (event: LoggedEvent) => ProjectionUpdate | undefined;
        readonly reduce?: never;
        readonly key?: never;
      }
  );

/** Attributes of read-model items that the projection keeps for itself start with this. */
const RESERVED_PREFIX = 'postroom:';

/**
 * The attribute an item keeps the last version of one event stream it applied in: per stream,
 * so an item may fold several streams (a total over accounts) and still skip each one's repeats.
 */
export const appliedVersionAttribute = (streamId: string): string => `${RESERVED_PREFIX}applied:${streamId}`;

/** Counts a reduced item's writes: the lock of its read-reduce-put. */
const REVISION = `${RESERVED_PREFIX}revision`;

/**
 * The read-model generation that wrote the item (absent: 0, never rebuilt). A delivery of a newer
 * generation (a rebuild's) takes an older item for absent and replaces it; one of an older
 * generation (a live delivery that started before the rebuild) leaves a newer item alone.
 */
const GENERATION = `${RESERVED_PREFIX}generation`;

const generationOf = (item: Record<string, NativeAttributeValue> | undefined): number => (item?.[GENERATION] as number | undefined) ?? 0;

/** A write that lost a race with another writer of the item (a concurrent redelivery): read and fold again. */
const MAX_ITEM_ATTEMPTS = 5;

interface Delivered {
  readonly offset: number;
  readonly event: LoggedEvent;
}

/**
 * A consumer function for a `Projection` (a StreamConsumer of an event store's log): applies each
 * delivered event to a read-model table in log order, which is version order per event stream.
 * Each item carries the version it has applied of each stream that changed it, and every write is
 * conditional on it, so a redelivered event (after a crash between the write and the group's
 * commit) is skipped rather than applied twice: effectively once, without an idempotency table.
 *
 * With `reduce`, an item is read, the delivery's events of it folded in and the result put back if
 * nobody wrote it meanwhile (one read and one write per item per delivery). With `update`, each
 * event is one conditional UpdateItem (no read) that does nothing when its version is applied.
 * At the first failure the delivery stops and reports the records from there on as failed, so
 * the dispatcher delivers them again; what was applied already is skipped then.
 *
 * @example
 * export const handler = postroomProjection<{ balance: number }>({
 *   tableName: process.env.READ_MODEL_TABLE!,
 *   reduce: (model, event) => ({ balance: (model?.balance ?? 0) + (event.data as { amount: number }).amount }),
 * });
 */
export function postroomProjection<Model extends ReadModel>(options: ProjectionOptions<Model>): (event: StreamConsumerEvent) => Promise<StreamConsumerResponse> {
  const client = options.client ?? DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const upcasters = options.upcasters ?? {};
  const { tableName } = options;
  let groupsOf: (delivered: Delivered[]) => Delivered[][];
  let apply: (group: readonly Delivered[], generation: number) => Promise<void>;
  if (options.update !== undefined) {
    const { update } = options;
    groupsOf = (delivered) => delivered.map((one) => [one]);
    apply = (group, generation) => applyUpdates(client, tableName, update, group, generation);
  } else {
    const { reduce, key = (event: LoggedEvent) => ({ id: event.streamId }) } = options;
    // One group per item, its events in log order.
    groupsOf = (delivered) => [...Map.groupBy(delivered, ({ event }) => JSON.stringify(key(event))).values()];
    apply = (group, generation) => foldIntoItem(client, tableName, reduce, key(group[0]!.event), group, generation);
  }

  return async ({ records, generation = 0 }) => {
    const groups = groupsOf(records.map(({ offset, value }) => ({ offset, event: upcast(value as LoggedEvent, upcasters) })));
    for (const [index, group] of groups.entries()) {
      try {
        await apply(group, generation);
      } catch {
        const from = Math.min(...groups.slice(index).map((rest) => rest[0]!.offset));
        return { batchItemFailures: records.filter(({ offset }) => offset >= from).map(({ offset }) => ({ itemIdentifier: String(offset) })) };
      }
    }
    return { batchItemFailures: [] };
  };
}

/** Folds a delivery's events of one item into it: read, reduce, put back if nobody wrote it meanwhile. */
async function foldIntoItem<Model extends ReadModel>(
  client: DynamoDBDocumentClient,
  tableName: string,
  reduce: (model: Model | undefined, event: LoggedEvent) => Model,
  key: ReadModelKey,
  group: readonly Delivered[],
  generation: number,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { Item: stored } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    if (generationOf(stored) > generation) return;
    // The revision stays the lock when an older generation's item is replaced.
    const revision = (stored?.[REVISION] as number | undefined) ?? 0;
    const item = generationOf(stored) === generation ? stored : undefined;
    const applied = (streamId: string): number => (item?.[appliedVersionAttribute(streamId)] as number | undefined) ?? -1;
    const pending = group.filter(({ event }) => event.version > applied(event.streamId));
    if (pending.length === 0) return;
    let model = item === undefined ? undefined : modelOf<Model>(item, key);
    for (const { event } of pending) model = reduce(model, event);
    const newVersions = Object.fromEntries(pending.map(({ event }) => [appliedVersionAttribute(event.streamId), event.version]));
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...model, ...reservedOf(item), ...newVersions, [REVISION]: revision + 1, ...(generation > 0 && { [GENERATION]: generation }), ...key },
          // Nobody wrote the item since it was read.
          ConditionExpression: stored === undefined ? 'attribute_not_exists(#revision)' : '#revision = :revision',
          ExpressionAttributeNames: { '#revision': REVISION },
          ...(stored !== undefined && { ExpressionAttributeValues: { ':revision': revision } }),
        }),
      );
      return;
    } catch (error) {
      if (!isConditionFailure(error) || attempt === MAX_ITEM_ATTEMPTS) throw error;
    }
  }
}

async function applyUpdates(
  client: DynamoDBDocumentClient,
  tableName: string,
  update: (event: LoggedEvent) => ProjectionUpdate | undefined,
  group: readonly Delivered[],
  generation: number,
) {
  for (const { event } of group) {
    const change = update(event);
    if (change === undefined) continue;
    const setApplied = `#postroomApplied = :postroomVersion${generation > 0 ? ', #postroomGeneration = :postroomGeneration' : ''}`;
    const expression = /\bSET\b/i.test(change.updateExpression)
      ? change.updateExpression.replace(/\bSET\b/i, `SET ${setApplied},`)
      : `SET ${setApplied} ${change.updateExpression}`;
    // The item is this generation's (or none yet), and has not applied the event.
    const sameGeneration = generation > 0 ? '(attribute_not_exists(#postroomKey) OR #postroomGeneration = :postroomGeneration)' : 'attribute_not_exists(#postroomGeneration)';
    for (;;) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: change.key,
            UpdateExpression: expression,
            ConditionExpression: `${sameGeneration} AND (attribute_not_exists(#postroomApplied) OR #postroomApplied < :postroomVersion)`,
            ExpressionAttributeNames: {
              ...change.expressionAttributeNames,
              '#postroomApplied': appliedVersionAttribute(event.streamId),
              '#postroomGeneration': GENERATION,
              ...(generation > 0 && { '#postroomKey': Object.keys(change.key)[0]! }),
            },
            ExpressionAttributeValues: { ...change.expressionAttributeValues, ':postroomVersion': event.version, ...(generation > 0 && { ':postroomGeneration': generation }) },
          }),
        );
        break;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // Applied already (a redelivery), or the item is a newer generation's: nothing to do.
        if (!(await removedIfOlder(client, tableName, change.key, generation))) break;
      }
    }
  }
}

/** Deletes the item if an older generation wrote it, so that this one's update starts from nothing. */
async function removedIfOlder(client: DynamoDBDocumentClient, tableName: string, key: ReadModelKey, generation: number): Promise<boolean> {
  const { Item: stored } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  if (stored === undefined || generationOf(stored) >= generation) return false;
  try {
    await client.send(
      new DeleteCommand({
        TableName: tableName,
        Key: key,
        ConditionExpression: stored[GENERATION] === undefined ? 'attribute_not_exists(#generation)' : '#generation = :generation',
        ExpressionAttributeNames: { '#generation': GENERATION },
        ...(stored[GENERATION] !== undefined && { ExpressionAttributeValues: { ':generation': stored[GENERATION] } }),
      }),
    );
  } catch (error) {
    // Another writer replaced it first: the update is tried again either way.
    if (!isConditionFailure(error)) throw error;
  }
  return true;
}

/** The item without its key and the projection's own attributes. */
function modelOf<Model extends ReadModel>(item: Record<string, NativeAttributeValue>, key: ReadModelKey): Model {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !(name in key) && !name.startsWith(RESERVED_PREFIX))) as Model;
}

const reservedOf = (item: Record<string, NativeAttributeValue> | undefined) =>
  Object.fromEntries(Object.entries(item ?? {}).filter(([name]) => name.startsWith(RESERVED_PREFIX)));

/** By name: the user's function may bundle another copy of the SDK than this module's. */
const isConditionFailure = (error: unknown): boolean => (error as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException';
