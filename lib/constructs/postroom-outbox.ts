import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, type Function as LambdaFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import type { Operation } from '../../functions/api/route-table.ts';
import type { OutboxDestinationKind } from '../../functions/core/outbox.ts';
import { OutboxRelayEnvironment } from '../../functions/outbox-relay/environment.ts';
import { routeResourcePath } from './route-grants.ts';
import type { IPostroomExchange } from './topology/postroom-exchange.ts';
import type { IPostroomQueue } from './topology/postroom-queue.ts';
import type { IPostroomStream } from './topology/postroom-stream.ts';
import type { IPostroomBroker } from './topology/topology-broker.ts';
import { postroomFunction } from './postroom-function.ts';

export interface PostroomOutboxProps {
  /** The broker whose HTTP API the relay publishes through. */
  readonly broker: IPostroomBroker;
  /**
   * The team's table the outbox items are written to (with `outboxWrite` of `postroom/consumer`).
   * Its DynamoDB stream must be on, with `NEW_AND_OLD_IMAGES` (with `NEW_IMAGE` the relay also
   * reads the item after each of its own removals).
   */
  readonly table: ITable;
  /** Where the messages go: an exchange (with each message's routing key), a queue or a stream (with each message's key). */
  readonly destination: IPostroomExchange | IPostroomQueue | IPostroomStream;
  /**
   * Most stream records handed to the relay at once.
   *
   * @default 100
   */
  readonly batchSize?: number;
  /**
   * What happens to the relay's log group when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Relays a team table's transactional outbox to a Postroom exchange, queue or stream. The team's
 * code writes its state change and `outboxWrite(…)` in one TransactWriteItems; the relay function
 * reads the table's DynamoDB stream (one batch per shard at a time, retried from the first record
 * it could not finish), publishes each aggregate's entries in order through the HTTP API with the
 * entry's id as Idempotency-Key and message id (a retried publish is answered, not repeated), then
 * removes them from the outbox item. No dual write: a message exists if and only if its
 * transaction committed, and is published once.
 *
 * @example
 * new PostroomOutbox(this, 'AccountsOutbox', { broker, table: accounts, destination: notifications });
 */
export class PostroomOutbox extends Construct {
  readonly relay: LambdaFunction;
  readonly grantPrincipal: IPrincipal;

  constructor(scope: Construct, id: string, props: PostroomOutboxProps) {
    super(scope, id);
    const batchSize = props.batchSize ?? 100;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new Error(`batchSize must be an integer from 1 to 10000, got ${batchSize}`);
    if (props.table.tableStreamArn === undefined) throw new Error('the outbox table has no DynamoDB stream; create it with stream: StreamViewType.NEW_AND_OLD_IMAGES');
    const destination = destinationOf(props.destination);

    const { lambdaFunction, role } = postroomFunction(this, {
      entry: 'outbox-relay/handler.ts',
      functionId: 'Relay',
      memorySize: 256,
      timeout: Duration.minutes(1),
      logRemovalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      environment: {
        [OutboxRelayEnvironment.endpoint]: props.broker.api.endpoint,
        [OutboxRelayEnvironment.table]: props.table.tableName,
        [OutboxRelayEnvironment.destinationKind]: destination.kind,
        [OutboxRelayEnvironment.destinationName]: destination.name,
      },
    });
    this.relay = lambdaFunction;
    this.grantPrincipal = role;

    this.relay.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize,
        // One batch per shard at a time, never split: an item's records stay in order.
        parallelizationFactor: 1,
        bisectBatchOnError: false,
        reportBatchItemFailures: true,
        // Writes only; the relay skips those without new outbox entries (a filter cannot test a list's presence).
        filters: [FilterCriteria.filter({ eventName: FilterRule.or('INSERT', 'MODIFY') })],
      }),
    );
    // Read an outbox item, remove its published entries or delete it.
    props.table.grant(role, 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem');
    // The one route that publishes to the destination (no rpc, no reads).
    const route = { operation: destination.operation, parameters: { name: destination.name } };
    props.broker.api.grantRoutes(role, [route.operation], route.parameters);
    this.#acknowledgeWildcards(role, props.broker, routeResourcePath(route.operation, route.parameters));
  }

  /** cdk-nag flags the wildcards of the stream event source's grant and of the API's stage. */
  #acknowledgeWildcards(role: Role, broker: IPostroomBroker, route: string): void {
    Validations.of(role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'dynamodb:ListStreams has no resource-level permissions' });
    const api = (Stack.of(this).resolve(broker.api.apiId) as { Ref?: string }).Ref;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${api}>/*/${route}]`,
      reason: 'the API has one stage, $default; the route and the destination are exact',
    });
  }
}

function destinationOf(destination: PostroomOutboxProps['destination']): { kind: OutboxDestinationKind; name: string; operation: Operation } {
  if ('exchangeName' in destination) return { kind: 'exchange', name: destination.exchangeName, operation: 'publishToExchange' };
  if ('queueName' in destination) return { kind: 'queue', name: destination.queueName, operation: 'publish' };
  return { kind: 'stream', name: destination.streamName, operation: 'produceRecords' };
}
