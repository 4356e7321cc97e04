import { paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bindingKeyOf, bindingKeyPrefix } from '../core/exchanges/binding-identity.ts';
import { BindingNotFoundError, ExchangeNotFoundError, QueueNotFoundError } from '../core/problems/index.ts';
import type { Binding, ExchangeType } from '../core/routing/topology.ts';
import type { ExchangeRegistry } from './exchange-registry.ts';
import type { QueueRegistry } from './queue-registry.ts';
import { ChangeRejectedError, type TopologyChange, type TopologyWriter } from './topology-writer.ts';

/** All bindings share one partition: the routing cache reads them with one Query. */
const BINDING_PARTITION = 'binding';

const keyOf = (binding: Binding) => ({ pk: BINDING_PARTITION, sk: bindingKeyOf(binding) });
const toBinding = (item: Record<string, unknown>): Binding => {
  const { source, destination, bindingKey, arguments: args } = item as unknown as Binding;
  return { source, destination, bindingKey, arguments: args };
};

/**
 * Bindings in the metadata table (pk = `binding`, sk = the binding's identity, see
 * binding-identity.ts). A binding is written in one transaction with conditions that its source
 * exchange (of the type it was validated for) and its destination exist, so no binding outlives
 * what it connects.
 */
export class BindingRegistry {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #writer: TopologyWriter;
  readonly #exchanges: ExchangeRegistry;
  readonly #queues: QueueRegistry;

  constructor(documents: DynamoDBDocumentClient, tableName: string, writer: TopologyWriter, exchanges: ExchangeRegistry, queues: QueueRegistry) {
    this.#documents = documents;
    this.#tableName = tableName;
    this.#writer = writer;
    this.#exchanges = exchanges;
    this.#queues = queues;
  }

  /** Every binding (all pages). */
  async list(): Promise<Binding[]> {
    return this.#query('pk = :pk', { ':pk': BINDING_PARTITION });
  }

  /** The bindings whose source is `exchange`. */
  async listFrom(exchange: string): Promise<Binding[]> {
    return this.#query('pk = :pk AND begins_with(sk, :prefix)', { ':pk': BINDING_PARTITION, ':prefix': bindingKeyPrefix(exchange) });
  }

  /**
   * Makes the binding, validated for a source exchange of type `sourceType`.
   * @returns false when the identical binding already exists
   * @throws ExchangeNotFoundError or QueueNotFoundError when its source or destination is gone
   */
  async add(binding: Binding, sourceType: ExchangeType): Promise<boolean> {
    const { destination } = binding;
    const checks = [this.#exchanges.existsCheck(binding.source, sourceType)];
    // A transaction may touch an item once: an exchange bound to itself is checked as the source only.
    if ('queue' in destination) checks.push(this.#queues.existsCheck(destination.queue));
    else if (destination.exchange !== binding.source) checks.push(this.#exchanges.existsCheck(destination.exchange));
    const put: TopologyChange = {
      Put: { TableName: this.#tableName, Item: { ...keyOf(binding), ...binding }, ConditionExpression: 'attribute_not_exists(pk)' },
    };
    try {
      await this.#writer.write([...checks, put]);
      return true;
    } catch (error) {
      if (!(error instanceof ChangeRejectedError)) throw error;
      if (error.index === 0) throw new ExchangeNotFoundError(binding.source);
      if (error.index < checks.length) throw 'queue' in destination ? new QueueNotFoundError(destination.queue) : new ExchangeNotFoundError(destination.exchange);
      return false;
    }
  }

  /** @throws BindingNotFoundError */
  async remove(binding: Binding): Promise<void> {
    try {
      await this.#writer.write([this.deleteChange(binding, { mustExist: true })]);
    } catch (error) {
      if (error instanceof ChangeRejectedError) throw new BindingNotFoundError();
      throw error;
    }
  }

  /** A transaction action removing the binding. */
  deleteChange(binding: Binding, options: { mustExist?: boolean } = {}): TopologyChange {
    return {
      Delete: {
        TableName: this.#tableName,
        Key: keyOf(binding),
        ...(options.mustExist && { ConditionExpression: 'attribute_exists(pk)' }),
      },
    };
  }

  async #query(condition: string, values: Record<string, string>): Promise<Binding[]> {
    const bindings: Binding[] = [];
    const pages = paginateQuery(
      { client: this.#documents },
      { TableName: this.#tableName, KeyConditionExpression: condition, ExpressionAttributeValues: values, ConsistentRead: true },
    );
    for await (const page of pages) bindings.push(...(page.Items ?? []).map(toBinding));
    return bindings;
  }
}
