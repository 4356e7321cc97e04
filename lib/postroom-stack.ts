import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { PostroomOutbox, PostroomOutboxProps } from './constructs/postroom-outbox.ts';
import type { Projection, ProjectionProps } from './constructs/projection.ts';
import type { StreamConsumer, StreamConsumerProps } from './constructs/stream-consumer.ts';
import type { PostroomExchange, PostroomExchangeProps } from './constructs/topology/postroom-exchange.ts';
import type { PostroomQueue, PostroomQueueProps } from './constructs/topology/postroom-queue.ts';
import type { PostroomStream, PostroomStreamProps } from './constructs/topology/postroom-stream.ts';
import type { Saga, SagaProps } from './constructs/saga/saga.ts';
import type { IPostroomBroker } from './constructs/topology/topology-broker.ts';
import { Postroom, type PostroomProps } from './postroom.ts';

export interface PostroomStackProps extends StackProps, PostroomProps {
  /**
   * The SNS topic, by ARN, the default alarms tell when they fire and recover (`alarms.topic`
   * takes an ITopic of the same stack instead).
   *
   * @default - none: the alarms only change state
   */
  readonly alarmTopicArn?: string;
}

/**
 * A stack holding one Postroom broker (the `Postroom` construct) and its outputs: the API's URL and
 * the tables' names. To put a broker in a stack of your own, use `Postroom` itself.
 *
 * @example
 * const broker = new PostroomStack(app, 'Postroom');
 * const orders = broker.addExchange('Orders', { exchangeName: 'orders', type: 'topic' });
 * broker.addQueue('Billing', { queueName: 'billing' }).bindTo(orders, { bindingKey: 'order.*' });
 */
export class PostroomStack extends Stack implements IPostroomBroker {
  /** The broker. Its id is `Default`, which CDK leaves out of logical ids: they stay as they were before the broker was a construct. */
  readonly broker: Postroom;

  constructor(scope: Construct, id: string, props: PostroomStackProps = {}) {
    super(scope, id, { description: 'Postroom: a serverless message broker', ...props });
    const alarmTopic = props.alarmTopicArn === undefined ? undefined : Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn);
    const alarms = props.alarms === false ? false : { ...props.alarms, topic: props.alarms?.topic ?? alarmTopic };
    this.broker = new Postroom(this, 'Default', { ...props, alarms });

    new CfnOutput(this, 'ApiUrl', { value: this.broker.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'MetadataTableName', {
      value: this.broker.metadataTable.tableName,
      description: 'DynamoDB table holding queue declarations',
    });
    new CfnOutput(this, 'StreamRecordsTableName', {
      value: this.broker.streamRecordsTable.tableName,
      description: "DynamoDB table holding the streams' records",
    });
    new CfnOutput(this, 'EventStoreTableName', {
      value: this.broker.eventStoreTable.tableName,
      description: "DynamoDB table holding the event stores' events",
    });
  }

  get metadataTable() {
    return this.broker.metadataTable;
  }

  get fanOutTopic() {
    return this.broker.fanOutTopic;
  }

  get payloadBucket() {
    return this.broker.payloadBucket;
  }

  get streamRecordsTable() {
    return this.broker.streamRecordsTable;
  }

  get eventStoreTable() {
    return this.broker.eventStoreTable;
  }

  get idempotencyTable() {
    return this.broker.idempotencyTable;
  }

  get apiFunction() {
    return this.broker.apiFunction;
  }

  get replyQueueSweeper() {
    return this.broker.replyQueueSweeper;
  }

  get streamLagMonitor() {
    return this.broker.streamLagMonitor;
  }

  get api() {
    return this.broker.api;
  }

  get topologyFunction() {
    return this.broker.topologyFunction;
  }

  get encryptionKey() {
    return this.broker.encryptionKey;
  }

  get defaultAlarms() {
    return this.broker.defaultAlarms;
  }

  get queueNamePrefix(): string {
    return this.broker.queueNamePrefix;
  }

  addQueue(id: string, props: Omit<PostroomQueueProps, 'broker'>): PostroomQueue {
    return this.broker.addQueue(id, props);
  }

  addExchange(id: string, props: Omit<PostroomExchangeProps, 'broker'>): PostroomExchange {
    return this.broker.addExchange(id, props);
  }

  addStream(id: string, props: Omit<PostroomStreamProps, 'broker'>): PostroomStream {
    return this.broker.addStream(id, props);
  }

  addSaga(id: string, props: Omit<SagaProps, 'broker'>): Saga {
    return this.broker.addSaga(id, props);
  }

  addStreamConsumer(id: string, props: Omit<StreamConsumerProps, 'recordsTable' | 'metadataTable'>): StreamConsumer {
    return this.broker.addStreamConsumer(id, props);
  }

  addProjection(id: string, props: Omit<ProjectionProps, 'recordsTable' | 'metadataTable' | 'eventStoreTable' | 'broker'>): Projection {
    return this.broker.addProjection(id, props);
  }

  addOutbox(id: string, props: Omit<PostroomOutboxProps, 'broker'>): PostroomOutbox {
    return this.broker.addOutbox(id, props);
  }
}
