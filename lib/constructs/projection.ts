import { RemovalPolicy, Token } from 'aws-cdk-lib';
import { AttributeType, type ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Function as LambdaFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { logStreamName, projectionGroupName, projectionNamePattern, storeNamePattern } from '../../functions/core/event-store/names.ts';
import { durableTableProps } from './durable-table.ts';
import { StreamConsumer } from './stream-consumer.ts';
import type { IPostroomBroker } from './topology/topology-broker.ts';
import { topologyResource } from './topology/topology-resource.ts';

/** The variable a Projection gives its handler (when it is a Function of this app): the read-model table's name. */
export const READ_MODEL_TABLE_VARIABLE = 'POSTROOM_READ_MODEL_TABLE';

export interface ProjectionProps {
  /** The broker's stream records table (`PostroomStack.streamRecordsTable`). */
  readonly recordsTable: ITable;
  /** The broker's metadata table (`PostroomStack.metadataTable`), where the projection's position is committed. */
  readonly metadataTable: ITable;
  /** The broker's event store table (`PostroomStack.eventStoreTable`), which a rebuild replays. */
  readonly eventStoreTable: ITable;
  /** The broker, with which the projection registers so that `POST …/projections/{name}/rebuild` accepts it. */
  readonly broker: IPostroomBroker;
  /** The event store whose log is projected. */
  readonly store: string;
  /** The projection's name: its log consumer group is `projection.<name>`, shown by `GET /v1/event-stores/{store}/projections/{name}`. */
  readonly projectionName: string;
  /** The function that applies the events: `postroomProjection(…)` of `postroom/consumer`. */
  readonly handler: IFunction;
  /**
   * The read-model table the handler writes.
   *
   * @default - a new table keyed by the string `id` (postroomProjection's default key: the event stream's id), billed on demand
   */
  readonly table?: ITable;
  /**
   * Failed deliveries of one record before it goes to the dead-letter queue (and the read model misses it until a rebuild).
   *
   * @default 10
   */
  readonly maxAttempts?: number;
  /**
   * Most log records handed to the handler at once; the events of one item within them are folded into one write.
   *
   * @default 100
   */
  readonly batchSize?: number;
  /**
   * Where records go after `maxAttempts` failed deliveries.
   *
   * @default - a new encrypted queue
   */
  readonly deadLetterQueue?: IQueue;
  /**
   * What happens to the default read-model table, dead-letter queue and log group when they leave the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A CQRS read model of an event store: its log, pushed to `handler` by a StreamConsumer in the
 * consumer group `projection.<name>` from the log's start, in log order (version order per event
 * stream). The handler (`postroomProjection`) applies each event once by the version each item
 * keeps, so a redelivery after a crash changes nothing. `POST /v1/event-stores/{store}/projections/{name}/rebuild`
 * has the dispatcher replay every event of the store into a new generation of the read model.
 *
 * @example
 * broker.addProjection('Balances', { store: 'bank', projectionName: 'balances', handler: balancesFunction });
 */
export class Projection extends Construct {
  /** The read-model table. */
  readonly table: ITable;
  readonly consumer: StreamConsumer;

  constructor(scope: Construct, id: string, props: ProjectionProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.store) && !storeNamePattern.test(props.store)) throw new Error(`invalid event store name: ${props.store}`);
    if (!Token.isUnresolved(props.projectionName) && !projectionNamePattern.test(props.projectionName)) throw new Error(`invalid projection name: ${props.projectionName}`);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.table =
      props.table ??
      new Table(this, 'ReadModel', { partitionKey: { name: 'id', type: AttributeType.STRING }, ...durableTableProps('expiresAt', removalPolicy) });
    this.table.grantReadWriteData(props.handler);
    if (props.handler instanceof LambdaFunction) props.handler.addEnvironment(READ_MODEL_TABLE_VARIABLE, this.table.tableName);
    this.consumer = new StreamConsumer(this, 'Consumer', {
      recordsTable: props.recordsTable,
      metadataTable: props.metadataTable,
      stream: logStreamName(props.store),
      group: projectionGroupName(props.projectionName),
      // Its metrics' Broker dimension: the broker's queue name prefix.
      broker: props.broker.queueNamePrefix,
      handler: props.handler,
      maxAttempts: props.maxAttempts ?? 10,
      batchSize: props.batchSize,
      deadLetterQueue: props.deadLetterQueue,
      removalPolicy,
      rebuildsFrom: props.eventStoreTable,
    });
    topologyResource(this, props.broker, { Kind: 'projection', Name: `${props.store}/${props.projectionName}`, body: { store: props.store, name: props.projectionName } });
  }
}
