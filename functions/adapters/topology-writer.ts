import { setTimeout as sleep } from 'node:timers/promises';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isTransactionCanceledError } from './aws-errors.ts';

/** One action of a topology transaction (a Put, Delete, Update or ConditionCheck). */
export type TopologyChange = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The item whose `version` every topology change increments, in the same transaction. */
const VERSION_KEY = { pk: 'meta', sk: 'topology' } as const;

/** TransactWriteItems takes at most 100 actions; one of them is the version's. */
export const MAX_CHANGES_PER_WRITE = 99;
/** Attempts of a transaction that collided with a concurrent one on the version item. */
const CONFLICT_ATTEMPTS = 5;
const CONFLICT_PAUSE_MS = 20;

/** A condition of change `index` failed; `item` is that item as it was, when the change asked for it. */
export class ChangeRejectedError extends Error {
  readonly index: number;
  readonly item: Record<string, unknown> | undefined;

  constructor(index: number, item: Record<string, unknown> | undefined, options?: ErrorOptions) {
    super(`topology change ${index} was rejected by its condition`, options);
    this.name = 'ChangeRejectedError';
    this.index = index;
    this.item = item;
  }
}

/** Another topology change was written since the version the caller expected. */
export class TopologyMovedError extends Error {
  constructor(expected: number, options?: ErrorOptions) {
    super(`the topology moved past version ${expected}`, options);
    this.name = 'TopologyMovedError';
  }
}

/**
 * Writes topology changes (exchanges, bindings, queue declarations) to the metadata table, each
 * write one TransactWriteItems that also increments the topology version, so a reader that sees a
 * version sees every change up to it, and routing caches know when to rebuild. Changes carry
 * their own conditions (what they bind to must exist); a write that must not race with any other
 * (removing an exchange or queue with its bindings) also expects the version it read.
 */
export class TopologyWriter {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #listeners: (() => void)[] = [];

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  /** Runs `listener` after every write, so that this container's own changes apply at once. */
  onChange(listener: () => void): void {
    this.#listeners.push(listener);
  }

  /** The current version (a strongly consistent read; 0 before the first change). */
  async version(): Promise<number> {
    const { Item } = await this.#documents.send(new GetCommand({ TableName: this.#tableName, Key: VERSION_KEY, ConsistentRead: true }));
    return (Item?.version as number | undefined) ?? 0;
  }

  /**
   * @throws ChangeRejectedError when the condition of one of `changes` fails
   * @throws TopologyMovedError when `expectedVersion` is given and is no longer the version
   */
  async write(changes: readonly TopologyChange[], options: { expectedVersion?: number } = {}): Promise<void> {
    const items = [...changes, this.#versionUpdate(options.expectedVersion)];
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#documents.send(new TransactWriteCommand({ TransactItems: items }));
        for (const listener of this.#listeners) listener();
        return;
      } catch (error) {
        if (!isTransactionCanceledError(error)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
        if (failed === changes.length) throw new TopologyMovedError(options.expectedVersion ?? 0, { cause: error });
        if (failed >= 0) {
          const item = reasons[failed]?.Item;
          throw new ChangeRejectedError(failed, item && unmarshall(item as Record<string, AttributeValue>), { cause: error });
        }
        const conflict = reasons.some((reason) => reason.Code === 'TransactionConflict');
        if (!conflict || attempt === CONFLICT_ATTEMPTS) throw error;
        await sleep(CONFLICT_PAUSE_MS * attempt);
      }
    }
  }

  #versionUpdate(expectedVersion: number | undefined): TopologyChange {
    const values: Record<string, number> = { ':one': 1 };
    let condition: string | undefined;
    // The item does not exist before the first change, when the version reads as 0.
    if (expectedVersion === 0) condition = 'attribute_not_exists(#version)';
    else if (expectedVersion !== undefined) {
      condition = '#version = :expected';
      values[':expected'] = expectedVersion;
    }
    return {
      Update: {
        TableName: this.#tableName,
        Key: VERSION_KEY,
        UpdateExpression: 'ADD #version :one',
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: values,
      },
    };
  }
}
