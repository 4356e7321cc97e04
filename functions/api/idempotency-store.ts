import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { dynamodb } from '../adapters/aws-clients.ts';
import { readApiConfig } from './config.ts';

/** Where Idempotency-Key records live, and how Powertools reads a request for them. */
export interface IdempotencyStore {
  readonly persistenceStore: BasePersistenceLayer;
  readonly config: IdempotencyConfig;
  /** Prefix of every record id; fixed, so that renaming the function forgets no key. */
  readonly keyPrefix: string;
}

/** Marks a response answered from the store rather than by running the request again. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/** Powertools idempotency over `requests` of the shape { key, body } (see idempotency-keys.ts). */
export function idempotencyStore(persistenceStore: BasePersistenceLayer, windowSeconds: number): IdempotencyStore {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'body',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: windowSeconds,
    hashFunction: 'sha256',
    responseHook: (response) => {
      const stored = response as APIGatewayProxyStructuredResultV2;
      return { ...stored, headers: { ...stored.headers, [REPLAYED_HEADER]: 'true' } };
    },
  });
  return { persistenceStore, config, keyPrefix: 'postroom' };
}

let store: IdempotencyStore | undefined;

/** The process's store, on the stack's table through the shared DynamoDB client (so call counters see it). */
export function getIdempotencyStore(): IdempotencyStore {
  if (store) return store;
  const { idempotencyTable, idempotencyWindowSeconds } = readApiConfig();
  store = idempotencyStore(new DynamoDBPersistenceLayer({ tableName: idempotencyTable, awsSdkV3Client: dynamodb }), idempotencyWindowSeconds);
  return store;
}
