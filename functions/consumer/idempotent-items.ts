import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context } from 'aws-lambda';

/** Where the consumer records what it processed: a DynamoDB table, or any Powertools persistence layer. */
export type IdempotencyStoreOptions =
  | {
      /** A table in Powertools' schema (string key `id`, TTL on `expiration`), e.g. the stack's idempotency table. */
      readonly tableName: string;
      readonly persistenceStore?: never;
    }
  | {
      /** Another Powertools persistence layer (an in-memory one in unit tests, a cache, …), one per consumer: Powertools configures it on first use. */
      readonly persistenceStore: BasePersistenceLayer;
      readonly tableName?: never;
    };

export type IdempotencyOptions = IdempotencyStoreOptions & {
  /**
   * How long a processed record's result is kept and answered to a redelivery. Make it longer than
   * the time a message can come back: the queue's retention, or a redrive from its dead letters.
   *
   * @default 86400 (24 hours, Postroom's Idempotency-Key window)
   */
  readonly expiresAfterSeconds?: number;
  /**
   * Prefix of every record's id. Set it to share records across functions, or to keep them when the
   * function is renamed; two consumers of one message (an exchange routes one id to several queues)
   * must not share one.
   *
   * @default Powertools': the Lambda function's name and `processOnce`
   */
  readonly keyPrefix?: string;
};

export const DEFAULT_EXPIRES_AFTER_SECONDS = 86_400;

export type ItemHandler<Item, Result> = (item: Item, context: Context) => Promise<Result> | Result;

/** What Powertools hashes (`key` only) and what the handler gets. */
interface KeyedItem<Item> {
  readonly key: string;
  readonly item: Item;
}

const persistenceStoreOf = (options: IdempotencyStoreOptions): BasePersistenceLayer =>
  options.persistenceStore ?? new DynamoDBPersistenceLayer({ tableName: options.tableName });

/**
 * `handle` made idempotent per item with Powertools' makeIdempotent, under the key `keyOf` gives:
 * the first call locks the key with a conditional put, runs `handle` and stores its result; a later
 * call with the key gets that result back without running `handle`, and a call while the first is
 * still running throws IdempotencyAlreadyInProgressError. A failure of `handle` deletes the lock,
 * so a retry runs it again. Passing the Lambda context makes makeIdempotent register it
 * (registerLambdaContext): the lock then expires with the invocation's remaining time, so a
 * crashed or timed-out attempt does not block its redelivery until the record expires.
 */
export function idempotentItems<Item, Result>(
  handle: ItemHandler<Item, Result>,
  keyOf: (item: Item) => string,
  options: IdempotencyOptions,
): (item: Item, context: Context) => Promise<Result> {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: options.expiresAfterSeconds ?? DEFAULT_EXPIRES_AFTER_SECONDS,
  });
  const processOnce = async ({ item }: KeyedItem<Item>, context: Context): Promise<Result> => handle(item, context);
  const idempotent = makeIdempotent(processOnce, {
    persistenceStore: persistenceStoreOf(options),
    config,
    ...(options.keyPrefix !== undefined && { keyPrefix: options.keyPrefix }),
  });
  return (item, context) => idempotent({ key: keyOf(item), item }, context);
}
