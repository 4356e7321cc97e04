import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { METRIC_RESOURCES_ENV, type MetricResourcePolicy } from '../functions/core/metrics/metric-catalogue.ts';
import { ApiFunction } from './constructs/api-function.ts';
import { BrokerApi } from './constructs/broker-api.ts';
import { FanOutTopic } from './constructs/fan-out-topic.ts';
import { IdempotencyTable } from './constructs/idempotency-table.ts';
import { metricResourcesValue } from './constructs/metric-resources.ts';
import { MetadataTable } from './constructs/metadata-table.ts';
import { PayloadBucket } from './constructs/payload-bucket.ts';
import { functionAlarms, serverErrorRateAlarm, type PostroomDefaultAlarmsProps } from './constructs/monitoring/default-alarms.ts';
import { ReplyQueueSweeper } from './constructs/reply-queue-sweeper.ts';
import { PostroomOutbox, type PostroomOutboxProps } from './constructs/postroom-outbox.ts';
import { Projection, type ProjectionProps } from './constructs/projection.ts';
import { StreamConsumer, type StreamConsumerProps } from './constructs/stream-consumer.ts';
import { StreamLagMonitor } from './constructs/stream-lag-monitor.ts';
import { StreamRecordsTable } from './constructs/stream-records-table.ts';
import { EventStoreTable } from './constructs/event-store-table.ts';
import { PostroomExchange, type PostroomExchangeProps } from './constructs/topology/postroom-exchange.ts';
import { PostroomQueue, type PostroomQueueProps } from './constructs/topology/postroom-queue.ts';
import { PostroomStream, type PostroomStreamProps } from './constructs/topology/postroom-stream.ts';
import { Saga, type SagaProps } from './constructs/saga/saga.ts';
import type { IPostroomBroker } from './constructs/topology/topology-broker.ts';
import { TopologyFunction } from './constructs/topology/topology-function.ts';

export interface PostroomProps {
  /**
   * Prefix of every SQS queue name the broker creates: 1 to 20 characters from [A-Za-z0-9_-].
   *
   * @default - the stack name's first 19 characters (outside [A-Za-z0-9_-] removed) and "_"
   */
  readonly queueNamePrefix?: string;
  /**
   * What happens to the tables (metadata, stream records, idempotency) and the log groups when they leave the stack. Use
   * `RemovalPolicy.DESTROY` for short-lived test stacks.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Request rate limits of the HTTP API.
   *
   * @default - 1,000 requests per second with bursts of 2,000
   */
  readonly throttle?: ThrottleSettings;
  /**
   * How long an Idempotency-Key is remembered: a repeated POST with it within the window gets the
   * original response and creates nothing new.
   *
   * @default Duration.hours(24)
   */
  readonly idempotencyWindow?: Duration;
  /**
   * A customer-managed KMS key for everything the broker keeps: its tables, its fan-out topic and
   * its SQS queues. The broker's functions and state machines get the use of it; so must your own
   * consumers of its queues or tables. A key of another stack must itself let SNS
   * (`sns.amazonaws.com`) use it (kms:GenerateDataKey*, kms:Decrypt), or fan-out to the queues fails.
   *
   * @default - AWS-managed keys (DynamoDB, `alias/aws/sns`) and SQS-managed encryption
   */
  readonly encryptionKey?: IKey;
  /**
   * How often every stream consumer group's lag is measured and emitted as metrics (the
   * StreamLagMonitor function): whole minutes.
   *
   * @default Duration.minutes(1)
   */
  readonly streamLagInterval?: Duration;
  /**
   * The broker's default alarms: any dead letter in a queue declared on it (one alarm per queue),
   * API requests answered with a 5xx (1 % over 5 minutes), and any error or throttle of its
   * functions. `false` leaves them out.
   *
   * @default - the default alarms, without a topic to tell
   */
  readonly alarms?: PostroomDefaultAlarmsProps | false;
  /**
   * Resources created at run time (through the API) whose metrics get their own CloudWatch
   * dimensions, by kind: names, or patterns where `*` matches any run of characters (e.g.
   * `{ queue: ['billing-*'] }`). Those declared in CDK always do; every other resource counts in the
   * broker-wide totals only, so that each queue a team creates does not add to the metric bill.
   *
   * @default - only the resources declared in CDK
   */
  readonly metricResources?: MetricResourcePolicy;
  /**
   * Subscriptions per fan-out shard: queues (each priority level counts as one more) are spread over
   * SNS topics holding at most this many filter-policy subscriptions each, and an exchange publish
   * costs one SNS publish per shard it reaches. Raise it only together with SNS's quota of filter
   * policies per topic (Service Quotas), or declarations fail once a shard passes the quota.
   *
   * @default 200 (SNS's default quota of filter policies per topic)
   */
  readonly fanOutShardCapacity?: number;
  /**
   * X-Ray active tracing of Postroom's functions (Powertools Tracer: the handler, its AWS SDK calls,
   * annotations); off, a function does not even load the tracer.
   *
   * @default true
   */
  readonly tracing?: boolean;
}

/**
 * One Postroom broker in a stack of yours: its HTTP API, the function behind it, its tables and
 * fan-out topic, and the static topology, sagas and stream consumers declared on it.
 *
 * @example
 * const broker = new Postroom(this, 'Broker', { removalPolicy: RemovalPolicy.DESTROY });
 * const orders = broker.addExchange('Orders', { exchangeName: 'orders', type: 'topic' });
 * const billing = broker.addQueue('Billing', { queueName: 'billing' });
 * billing.bindTo(orders, { bindingKey: 'order.*' });
 * billing.grantConsume(billingFunction);
 */
export class Postroom extends Construct implements IPostroomBroker {
  readonly metadataTable: MetadataTable;
  readonly fanOutTopic: FanOutTopic;
  /** Where payloads too large for SNS or SQS are kept (the claim check). */
  readonly payloadBucket: PayloadBucket;
  readonly streamRecordsTable: StreamRecordsTable;
  readonly eventStoreTable: EventStoreTable;
  readonly idempotencyTable: IdempotencyTable;
  readonly apiFunction: ApiFunction;
  readonly replyQueueSweeper: ReplyQueueSweeper;
  readonly streamLagMonitor: StreamLagMonitor;
  readonly api: BrokerApi;
  readonly encryptionKey?: IKey;
  /** The default alarms' settings; undefined when `alarms` is false. */
  readonly defaultAlarms?: PostroomDefaultAlarmsProps;
  readonly #props: PostroomProps;
  #topologyFunction?: TopologyFunction;

  constructor(scope: Construct, id: string, props: PostroomProps = {}) {
    super(scope, id);
    if (props.fanOutShardCapacity !== undefined && !(Number.isInteger(props.fanOutShardCapacity) && props.fanOutShardCapacity >= 1)) {
      throw new Error(`invalid fanOutShardCapacity ${props.fanOutShardCapacity}: use a whole number of subscriptions, at least 1`);
    }
    this.#props = props;
    const { removalPolicy, encryptionKey } = props;
    this.encryptionKey = encryptionKey;
    this.defaultAlarms = props.alarms === false ? undefined : (props.alarms ?? {});

    this.metadataTable = new MetadataTable(this, 'MetadataTable', { removalPolicy, encryptionKey });
    this.fanOutTopic = new FanOutTopic(this, 'FanOut', { masterKey: encryptionKey });
    this.payloadBucket = new PayloadBucket(this, 'Payloads', { removalPolicy, encryptionKey });
    this.streamRecordsTable = new StreamRecordsTable(this, 'StreamRecordsTable', { removalPolicy, encryptionKey });
    this.eventStoreTable = new EventStoreTable(this, 'EventStoreTable', { removalPolicy, encryptionKey });
    this.idempotencyTable = new IdempotencyTable(this, 'IdempotencyTable', { removalPolicy, encryptionKey });
    // SNS encrypts what it delivers into the queues with their key. Scoped to this account's topics:
    // naming the topic itself would make the key and the topic encrypted by it depend on each other.
    encryptionKey?.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sns.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.apiFunction = new ApiFunction(this, 'Api', {
      metadataTable: this.metadataTable,
      fanOutTopic: this.fanOutTopic,
      payloadBucket: this.payloadBucket,
      streamRecordsTable: this.streamRecordsTable,
      eventStoreTable: this.eventStoreTable,
      idempotencyTable: this.idempotencyTable,
      idempotencyWindow: props.idempotencyWindow,
      queueNamePrefix: props.queueNamePrefix,
      fanOutShardCapacity: props.fanOutShardCapacity,
      queueEncryptionKey: encryptionKey,
      logRemovalPolicy: props.removalPolicy,
      tracing: props.tracing,
    });
    const metricResources = metricResourcesValue(this, props.metricResources);
    this.apiFunction.lambdaFunction.addEnvironment(METRIC_RESOURCES_ENV, metricResources);
    this.replyQueueSweeper = new ReplyQueueSweeper(this, 'ReplyQueueSweeper', {
      queueNamePrefix: this.apiFunction.queueNamePrefix,
      logRemovalPolicy: props.removalPolicy,
      tracing: props.tracing,
    });
    this.streamLagMonitor = new StreamLagMonitor(this, 'StreamLag', {
      metadataTable: this.metadataTable,
      streamRecordsTable: this.streamRecordsTable,
      queueNamePrefix: this.apiFunction.queueNamePrefix,
      interval: props.streamLagInterval,
      environment: { [METRIC_RESOURCES_ENV]: metricResources },
      logRemovalPolicy: props.removalPolicy,
      tracing: props.tracing,
    });
    this.api = new BrokerApi(this, 'HttpApi', {
      handler: this.apiFunction.lambdaFunction,
      throttle: props.throttle,
      accessLogRemovalPolicy: props.removalPolicy,
    });
    if (this.defaultAlarms) {
      serverErrorRateAlarm(this.api, this.defaultAlarms);
      functionAlarms(this.apiFunction, this.apiFunction.lambdaFunction, 'API function', this.defaultAlarms);
      functionAlarms(this.replyQueueSweeper, this.replyQueueSweeper.lambdaFunction, 'reply-queue sweeper', this.defaultAlarms);
      functionAlarms(this.streamLagMonitor, this.streamLagMonitor.lambdaFunction, 'stream lag function', this.defaultAlarms);
    }
  }

  /** The function behind static topology; created with the first queue or exchange declared in CDK. */
  get topologyFunction() {
    if (this.#topologyFunction) return this.#topologyFunction.lambdaFunction;
    this.#topologyFunction = new TopologyFunction(this, 'Topology', {
      metadataTable: this.metadataTable,
      fanOutTopic: this.fanOutTopic,
      payloadBucket: this.payloadBucket,
      streamRecordsTable: this.streamRecordsTable,
      eventStoreTable: this.eventStoreTable,
      idempotencyTable: this.idempotencyTable,
      queueNamePrefix: this.apiFunction.queueNamePrefix,
      fanOutShardCapacity: this.#props.fanOutShardCapacity,
      idempotencyWindow: this.#props.idempotencyWindow ?? Duration.hours(24),
      queueEncryptionKey: this.encryptionKey,
      logRemovalPolicy: this.#props.removalPolicy,
      tracing: this.#props.tracing,
    });
    if (this.defaultAlarms) functionAlarms(this.#topologyFunction, this.#topologyFunction.lambdaFunction, 'topology function', this.defaultAlarms);
    return this.#topologyFunction.lambdaFunction;
  }

  /** The prefix of the broker's SQS queue names (and of its sagas' state machines). */
  get queueNamePrefix(): string {
    return this.apiFunction.queueNamePrefix;
  }

  /** Declares a queue at deployment (see PostroomQueue). */
  addQueue(id: string, props: Omit<PostroomQueueProps, 'broker'>): PostroomQueue {
    return new PostroomQueue(this, id, { ...props, broker: this });
  }

  /** Declares an exchange at deployment (see PostroomExchange). */
  addExchange(id: string, props: Omit<PostroomExchangeProps, 'broker'>): PostroomExchange {
    return new PostroomExchange(this, id, { ...props, broker: this });
  }

  /** Declares a stream at deployment (see PostroomStream). */
  addStream(id: string, props: Omit<PostroomStreamProps, 'broker'>): PostroomStream {
    return new PostroomStream(this, id, { ...props, broker: this });
  }

  /** Deploys a saga on the broker's queues (see Saga); the API's `/v1/sagas/{name}` runs it. */
  addSaga(id: string, props: Omit<SagaProps, 'broker'>): Saga {
    return new Saga(this, id, { ...props, broker: this });
  }

  /** Attaches a Lambda function to a stream as a consumer group's member run by the platform (see StreamConsumer). */
  addStreamConsumer(id: string, props: Omit<StreamConsumerProps, 'recordsTable' | 'metadataTable'>): StreamConsumer {
    return new StreamConsumer(this, id, { broker: this.queueNamePrefix, ...props, recordsTable: this.streamRecordsTable, metadataTable: this.metadataTable });
  }

  /** Keeps a read model of an event store's log (see Projection). */
  addProjection(id: string, props: Omit<ProjectionProps, 'recordsTable' | 'metadataTable' | 'eventStoreTable' | 'broker'>): Projection {
    return new Projection(this, id, { ...props, recordsTable: this.streamRecordsTable, metadataTable: this.metadataTable, eventStoreTable: this.eventStoreTable, broker: this });
  }

  /** Relays a table's transactional outbox to an exchange, queue or stream of this broker (see PostroomOutbox). */
  addOutbox(id: string, props: Omit<PostroomOutboxProps, 'broker'>): PostroomOutbox {
    return new PostroomOutbox(this, id, { ...props, broker: this });
  }
}
