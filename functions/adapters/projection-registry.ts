import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A store's projections share one partition: pk = `projection#<store>`, sk = the projection's name. */
const keyOf = (store: string, name: string) => ({ pk: `projection#${store}`, sk: name });

/**
 * The projections deployed for each store, in the metadata table: a Projection construct registers
 * its own (through the broker's topology function) so that the API knows which rebuilds have a
 * dispatcher to run them. A registration outlives its store: the construct, not the store, owns it.
 */
export class ProjectionRegistry {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  async register(store: string, name: string): Promise<void> {
    await this.#documents.send(new PutCommand({ TableName: this.#tableName, Item: keyOf(store, name) }));
  }

  async remove(store: string, name: string): Promise<void> {
    await this.#documents.send(new DeleteCommand({ TableName: this.#tableName, Key: keyOf(store, name) }));
  }

  async exists(store: string, name: string): Promise<boolean> {
    const { Item } = await this.#documents.send(new GetCommand({ TableName: this.#tableName, Key: keyOf(store, name), ConsistentRead: true }));
    return Item !== undefined;
  }
}
