/**
 * Names of the environment variables the CDK stack gives the API function. The stack and the
 * handler both import these, so a rename cannot drift between them.
 */
export const ApiEnvironment = {
  /** DynamoDB table holding Postroom's metadata (queue declarations). */
  metadataTable: 'POSTROOM_METADATA_TABLE',
  /** Prefix of every SQS queue name this stack owns; IAM is scoped to it. */
  queueNamePrefix: 'POSTROOM_QUEUE_PREFIX',
  /** ARN of the SNS topic that fans exchange publishes out to the queues: fan-out shard 0. */
  fanOutTopicArn: 'POSTROOM_FANOUT_TOPIC_ARN',
  /** Subscriptions per fan-out shard (SNS topic) at most; 200 (SNS's default filter policies per topic) when unset. */
  fanOutShardCapacity: 'POSTROOM_FANOUT_SHARD_CAPACITY',
  /** S3 bucket holding the payloads too large for SNS or SQS (the claim check, core/claim-check.ts). */
  payloadBucket: 'POSTROOM_PAYLOAD_BUCKET',
  /** DynamoDB table holding the streams' records (segments, partition tails, producer states). */
  streamRecordsTable: 'POSTROOM_STREAM_RECORDS_TABLE',
  /** DynamoDB table holding the event stores' events (stream heads, commits, snapshots). */
  eventStoreTable: 'POSTROOM_EVENT_STORE_TABLE',
  /** DynamoDB table holding Idempotency-Key records (Powertools idempotency's schema). */
  idempotencyTable: 'POSTROOM_IDEMPOTENCY_TABLE',
  /** Seconds an Idempotency-Key is remembered; 86400 (24 h) when unset. */
  idempotencyWindowSeconds: 'POSTROOM_IDEMPOTENCY_TTL_SECONDS',
  /** ARN of the customer-managed KMS key the stack's SQS queues are encrypted with; unset: SQS-managed keys. */
  queueKmsKeyArn: 'POSTROOM_QUEUE_KMS_KEY_ARN',
  /** `arn:<partition>:states:<region>:<account>:stateMachine:`: where the stack's saga state machines live. */
  sagaStateMachineArnPrefix: 'POSTROOM_SAGA_ARN_PREFIX',
} as const;
