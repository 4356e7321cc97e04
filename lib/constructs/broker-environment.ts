import type { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { ApiEnvironment } from '../../functions/api/environment.ts';
import type { IFanOutTopic } from './fan-out-topic.ts';

export interface BrokerEnvironmentProps {
  readonly metadataTable: ITable;
  readonly fanOutTopic: IFanOutTopic;
  /** The claim check's bucket, for payloads too large for SNS or SQS. */
  readonly payloadBucket: IBucket;
  readonly streamRecordsTable: ITable;
  readonly eventStoreTable: ITable;
  readonly idempotencyTable: ITable;
  readonly queueNamePrefix: string;
  readonly idempotencyWindow: Duration;
  /**
   * Subscriptions per fan-out shard at most.
   *
   * @default 200 (SNS's default quota of filter policies per topic)
   */
  readonly fanOutShardCapacity?: number;
  /**
   * `arn:<partition>:states:<region>:<account>:stateMachine:`, for functions that run saga operations.
   *
   * @default - not set: the function runs no saga operation
   */
  readonly sagaStateMachineArnPrefix?: string;
  /**
   * The customer-managed key the broker's SQS queues are created with.
   *
   * @default - SQS-managed encryption
   */
  readonly queueEncryptionKey?: IKey;
}

/** What functions that build the API's services (functions/api/services.ts) read from their environment. */
export function brokerEnvironment(props: BrokerEnvironmentProps): Record<string, string> {
  return {
    [ApiEnvironment.metadataTable]: props.metadataTable.tableName,
    [ApiEnvironment.queueNamePrefix]: props.queueNamePrefix,
    [ApiEnvironment.fanOutTopicArn]: props.fanOutTopic.topicArn,
    [ApiEnvironment.payloadBucket]: props.payloadBucket.bucketName,
    [ApiEnvironment.streamRecordsTable]: props.streamRecordsTable.tableName,
    [ApiEnvironment.eventStoreTable]: props.eventStoreTable.tableName,
    [ApiEnvironment.idempotencyTable]: props.idempotencyTable.tableName,
    [ApiEnvironment.idempotencyWindowSeconds]: String(props.idempotencyWindow.toSeconds()),
    ...(props.sagaStateMachineArnPrefix !== undefined && { [ApiEnvironment.sagaStateMachineArnPrefix]: props.sagaStateMachineArnPrefix }),
    ...(props.fanOutShardCapacity !== undefined && { [ApiEnvironment.fanOutShardCapacity]: String(props.fanOutShardCapacity) }),
    ...(props.queueEncryptionKey && { [ApiEnvironment.queueKmsKeyArn]: props.queueEncryptionKey.keyArn }),
    POWERTOOLS_SERVICE_NAME: 'postroom',
  };
}
