import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IPrincipal, PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, type Function as LambdaFunction, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { REBUILD_REQUEST_ATTRIBUTE } from '../../functions/core/event-store/projection-rebuild.ts';
import { groupsPartition } from '../../functions/core/streams/log-keys.ts';
import { DispatcherEnvironment } from '../../functions/stream-dispatcher/environment.ts';
import { postroomFunction } from './postroom-function.ts';

export interface StreamConsumerProps {
  /** The broker's stream records table (`PostroomStack.streamRecordsTable`); its DynamoDB stream must be on. */
  readonly recordsTable: ITable;
  /** The broker's metadata table (`PostroomStack.metadataTable`), where the group's offsets are committed. */
  readonly metadataTable: ITable;
  /** The Postroom stream to consume. */
  readonly stream: string;
  /** The consumer group whose offsets the consumer commits. */
  readonly group: string;
  /**
   * The broker's queue name prefix (`Postroom.queueNamePrefix`): the `Broker` dimension of the
   * dispatcher's metrics (records delivered, delivery latency, failures, dead letters; EMF, no AWS call).
   *
   * @default - given by `addStreamConsumer` and `addProjection`; a StreamConsumer made alone emits no metrics
   */
  readonly broker?: string;
  /** The function that gets the records: `{stream, group, partition, records: [{offset, key, value, headers, timestamp}]}`. */
  readonly handler: IFunction;
  /**
   * Failed deliveries of one record before it goes to the dead-letter queue.
   *
   * @default 3
   */
  readonly maxAttempts?: number;
  /**
   * Where records go after `maxAttempts` failed deliveries, one message each.
   *
   * @default - a new queue, encrypted with SQS-managed keys, kept 14 days
   */
  readonly deadLetterQueue?: IQueue;
  /**
   * Most records handed to the function at once (never more than one segment's).
   *
   * @default 100
   */
  readonly batchSize?: number;
  /**
   * Set by a Projection: the event store table its rebuilds replay. The dispatcher then also gets
   * the group's rebuild requests and runs them (see ProjectionReplay).
   *
   * @default - no rebuilds
   */
  readonly rebuildsFrom?: ITable;
  /**
   * What happens to the default dead-letter queue and the dispatcher's log group when they leave the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Attaches a Lambda function to a Postroom stream as a consumer group's member run by the platform.
 * A dispatcher function reads the records table's DynamoDB stream (new segments of this stream
 * only, in order per stream partition), invokes the function with each segment's records from the
 * group's committed offset on, commits after each success, and after `maxAttempts` failures of a
 * record sends it to the dead-letter queue and moves on. At least once: a record may come again
 * after a crash between delivery and commit.
 *
 * @example
 * broker.addStreamConsumer('Billing', { stream: 'orders', group: 'billing', handler: billingFunction, maxAttempts: 3 });
 */
export class StreamConsumer extends Construct {
  readonly dispatcher: LambdaFunction;
  readonly deadLetterQueue: IQueue;
  readonly grantPrincipal: IPrincipal;

  constructor(scope: Construct, id: string, props: StreamConsumerProps) {
    super(scope, id);
    const maxAttempts = props.maxAttempts ?? 3;
    const batchSize = props.batchSize ?? 100;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`maxAttempts must be a positive integer, got ${maxAttempts}`);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
    if (!Token.isUnresolved(props.stream) && !/^[A-Za-z0-9._-]{1,249}$/.test(props.stream)) throw new Error(`invalid stream name: ${props.stream}`);
    if (!Token.isUnresolved(props.group) && !/^[A-Za-z0-9._-]{1,255}$/.test(props.group)) throw new Error(`invalid group name: ${props.group}`);
    if (props.recordsTable.tableStreamArn === undefined) throw new Error('the records table has no DynamoDB stream; use the StreamRecordsTable of the Postroom stack');
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.deadLetterQueue =
      props.deadLetterQueue ??
      new Queue(this, 'DeadLetters', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14), removalPolicy });
    if (!props.deadLetterQueue) {
      Validations.of(this.deadLetterQueue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'this queue is the consumer’s dead-letter queue' });
    }

    const { lambdaFunction, role } = postroomFunction(this, {
      entry: 'stream-dispatcher/handler.ts',
      functionId: 'Dispatcher',
      memorySize: 256,
      // Room for several deliveries and their backoff; what is left undone is handed over again.
      timeout: Duration.minutes(5),
      logRemovalPolicy: removalPolicy,
      environment: {
        [DispatcherEnvironment.metadataTable]: props.metadataTable.tableName,
        [DispatcherEnvironment.stream]: props.stream,
        [DispatcherEnvironment.group]: props.group,
        [DispatcherEnvironment.consumerFunction]: props.handler.functionName,
        [DispatcherEnvironment.deadLetterQueueUrl]: this.deadLetterQueue.queueUrl,
        [DispatcherEnvironment.maxAttempts]: String(maxAttempts),
        [DispatcherEnvironment.batchSize]: String(batchSize),
        ...(props.broker !== undefined && { [DispatcherEnvironment.broker]: props.broker }),
        ...(props.rebuildsFrom && { [DispatcherEnvironment.eventStoreTable]: props.rebuildsFrom.tableName }),
      },
    });
    this.dispatcher = lambdaFunction;
    this.grantPrincipal = role;

    this.dispatcher.addEventSource(
      new DynamoEventSource(props.recordsTable, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        // One batch per shard at a time, and no splitting: segments of a partition stay in order.
        parallelizationFactor: 1,
        bisectBatchOnError: false,
        reportBatchItemFailures: true,
        // Only new segments of this stream: not tails, producer states, TTL removals or other streams.
        // A segment's records are a string, or bytes when compressed (`exists` matches leaves only).
        filters: [
          ...(['S', 'B'] as const).map((type) =>
            FilterCriteria.filter({
              eventName: FilterRule.isEqual('INSERT'),
              dynamodb: { Keys: { pk: { S: FilterRule.beginsWith(`${props.stream}#`) } }, NewImage: { r: { [type]: FilterRule.exists() } } },
            }),
          ),
          // A projection's rebuild requests for this group (rebuildRequestOf).
          ...(props.rebuildsFrom
            ? [
                FilterCriteria.filter({
                  eventName: FilterRule.isEqual('INSERT'),
                  dynamodb: { Keys: { pk: { S: FilterRule.beginsWith(`${props.stream}#`) } }, NewImage: { [REBUILD_REQUEST_ATTRIBUTE]: { S: FilterRule.isEqual(props.group) } } },
                }),
              ]
            : []),
        ],
      }),
    );

    props.handler.grantInvoke(role);
    this.deadLetterQueue.grantSendMessages(role);
    // The group's offsets of every incarnation of the stream (and a projection's rebuild jobs beside
    // them, and its guarded commits), and nothing else of the metadata table.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          'dynamodb:Query',
          'dynamodb:PutItem',
          'dynamodb:BatchWriteItem',
          ...(props.rebuildsFrom ? ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'] : []),
        ],
        resources: [props.metadataTable.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${groupsPartition({ name: props.stream, incarnation: '' })}*`] } },
      }),
    );
    props.rebuildsFrom?.grantReadData(role);
    this.#acknowledgeWildcards(role, props);
  }

  /** cdk-nag flags the wildcards CDK's own grants need; each is narrowed to this consumer's resources. */
  #acknowledgeWildcards(role: Role, props: StreamConsumerProps): void {
    const logicalRef = (value: string) => (Stack.of(this).resolve(value) as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0];
    Validations.of(role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'dynamodb:ListStreams has no resource-level permissions' });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalRef(props.handler.functionArn)}.Arn>:*]`,
      reason: 'invoking the consumer function includes its versions and aliases',
    });
  }
}
