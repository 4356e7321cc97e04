import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { packBatches } from '../core/batching.ts';
import { ServiceUnavailableError } from '../core/problems/index.ts';

type Item = Record<string, unknown>;
type WriteRequest = { readonly PutRequest: { readonly Item: Item } } | { readonly DeleteRequest: { readonly Key: Item } };

/** DynamoDB's per-call limits. */
const MAX_GET_KEYS = 100;
const MAX_WRITE_REQUESTS = 25;
/** Rounds for what DynamoDB left unprocessed (it does so under throttling), with growing pauses. */
const MAX_ROUNDS = 6;
const FIRST_PAUSE_MS = 50;

/**
 * Runs `round` on what is still pending until nothing is, pausing longer each round; what is left
 * after the last round is throttling the SDK's retries did not outlast: a 503.
 */
async function untilProcessed<T>(operation: string, pending: T[], round: (pending: T[]) => Promise<T[]>): Promise<void> {
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt === MAX_ROUNDS) {
      throw new ServiceUnavailableError({ cause: new Error(`DynamoDB left ${pending.length} ${operation} requests unprocessed`) });
    }
    if (attempt > 0) await sleep(FIRST_PAUSE_MS * 2 ** (attempt - 1));
    pending = await round(pending);
  }
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  packBatches(items.length, { maxEntries: size }).map((indexes) => indexes.map((index) => items[index]!));

/** BatchGetItem over any number of keys of one table, 100 a call in parallel; found items in no order. */
export async function batchGet(
  documents: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Item[],
  options: { consistent?: boolean; projection?: readonly string[] } = {},
): Promise<Item[]> {
  const found: Item[] = [];
  const names = options.projection && Object.fromEntries(options.projection.map((name) => [`#${name}`, name]));
  await Promise.all(
    chunks(keys, MAX_GET_KEYS).map((chunk) =>
      untilProcessed('BatchGetItem', chunk, async (pending) => {
        const { Responses, UnprocessedKeys } = await documents.send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: {
                Keys: pending,
                ConsistentRead: options.consistent ?? false,
                ...(names && { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names }),
              },
            },
          }),
        );
        found.push(...(Responses?.[tableName] ?? []));
        return UnprocessedKeys?.[tableName]?.Keys ?? [];
      }),
    ),
  );
  return found;
}

/** BatchWriteItem over any number of unconditional puts and deletes of one table, 25 a call in parallel. */
export async function batchWrite(documents: DynamoDBDocumentClient, tableName: string, requests: readonly WriteRequest[]): Promise<void> {
  await Promise.all(
    chunks(requests, MAX_WRITE_REQUESTS).map((chunk) =>
      untilProcessed('BatchWriteItem', chunk, async (pending) => {
        const { UnprocessedItems } = await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        return (UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
      }),
    ),
  );
}
