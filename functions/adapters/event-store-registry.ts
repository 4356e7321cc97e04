import { DeleteCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { schemasPartition, type StoreIdentity } from '../core/event-store/keys.ts';
import type { StoreSettings } from '../core/event-store/store-settings.ts';
import { isConditionalCheckFailedError } from './aws-errors.ts';
import { declareInTable } from './conditional-declaration.ts';
import { batchGet } from './dynamodb-batches.ts';

/** An event store's declaration as recorded in the metadata table. */
export interface StoreDeclaration extends StoreIdentity {
  readonly settings: StoreSettings;
  /** ISO 8601 time of the first declaration. */
  readonly createdAt: string;
}

/** All declarations share one partition, as streams' do. */
const STORE_PARTITION = 'event-store';

const keyOf = (name: string) => ({ pk: STORE_PARTITION, sk: name });

const toItem = ({ name, settings, incarnation, createdAt }: StoreDeclaration) => ({ ...keyOf(name), ...settings, incarnation, createdAt });

const toDeclaration = (item: Record<string, unknown>): StoreDeclaration => ({
  name: item.sk as string,
  incarnation: item.incarnation as string,
  settings: { partitions: item.partitions as number, ...(item.snapshotEvery !== undefined && { snapshotEvery: item.snapshotEvery as number }) },
  createdAt: item.createdAt as string,
});

const schemaKey = (store: StoreIdentity, id: string) => ({ pk: schemasPartition(store), sk: id });

/** Event store declarations (pk = `event-store`, sk = name) and their event schemas, in the metadata table. */
export class EventStoreRegistry {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  async find(name: string, options: { consistent?: boolean } = {}): Promise<StoreDeclaration | undefined> {
    const { Item } = await this.#documents.send(new GetCommand({ TableName: this.#tableName, Key: keyOf(name), ConsistentRead: options.consistent ?? false }));
    return Item === undefined ? undefined : toDeclaration(Item);
  }

  /** @returns undefined when this declaration was written, else the one that exists */
  async add(declaration: StoreDeclaration): Promise<StoreDeclaration | undefined> {
    const existing = await declareInTable(this.#documents, this.#tableName, toItem(declaration));
    return existing && toDeclaration(existing);
  }

  /** Removes this incarnation's declaration; a missing one, or a newer incarnation, is left alone. */
  async remove(store: StoreIdentity): Promise<void> {
    try {
      await this.#documents.send(
        new DeleteCommand({
          TableName: this.#tableName,
          Key: keyOf(store.name),
          ConditionExpression: 'incarnation = :incarnation',
          ExpressionAttributeValues: { ':incarnation': store.incarnation },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailedError(error)) throw error;
    }
  }

  /**
   * Registers a schema (its JSON text) under its id (`<type>#<version>`) unless one is there.
   * @returns undefined when written, else the text registered before
   */
  async addSchema(store: StoreIdentity, id: string, schema: string): Promise<string | undefined> {
    const existing = await declareInTable(this.#documents, this.#tableName, { ...schemaKey(store, id), schema });
    return existing && (existing.schema as string);
  }

  /** The registered schemas among `ids`, strongly consistent (a schema applies from the moment it is registered). */
  async schemas(store: StoreIdentity, ids: readonly string[]): Promise<Map<string, string>> {
    const items = await batchGet(this.#documents, this.#tableName, ids.map((id) => schemaKey(store, id)), { consistent: true });
    return new Map(items.map((item) => [item.sk as string, item.schema as string]));
  }
}
