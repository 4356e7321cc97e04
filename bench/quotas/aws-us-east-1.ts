/**
 * Default quotas and throughput limits on Postroom's paths (us-east-1, per account unless said
 * otherwise), which the capacity model divides by the benchmark's counted usage. `raise` says how
 * more is had; `checked` how the figure was verified.
 */
export const QUOTAS_DATE = '2026-12-01';

export interface Quota {
  /** Per second unless `unit` says otherwise. */
  readonly limit: number;
  readonly unit: string;
  readonly raise: string;
  readonly source: string;
  readonly checked: string;
}

const quota = (limit: number, unit: string, raise: string, source: string, checked: string): Quota => ({ limit, unit, raise, source, checked });
const FIELD_NOTES = 'project field notes';
const FROM_MEMORY = 'from memory of the quota page, NOT verified on the date';

export const awsQuotas = {
  apiGatewayRps: quota(10_000, 'requests/s per account and region (HTTP APIs; 5,000 burst)', 'Service Quotas: adjustable', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html', FROM_MEMORY),
  lambdaConcurrency: quota(1_000, 'concurrent executions per account and region', 'Service Quotas: adjustable (tens of thousands are routine)', 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html', FROM_MEMORY),
  sqsStandardCallsPerAction: quota(Infinity, 'API calls/s per action (standard queues: "nearly unlimited")', 'none needed', 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html', 'SQS developer guide, read on the date'),
  sqsFifoCallsPerAction: quota(300, 'API calls/s per action per FIFO queue (3,000 messages/s batched; high-throughput mode 70,000 calls/s in us-east-1)', 'enable high-throughput FIFO (per message group)', 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html', 'SQS developer guide, read on the date'),
  snsPublishPerSecond: quota(30_000, 'messages/s published per account, standard topics (us-east-1; 9,000 in us-west-2 and eu-west-1, 1,500 elsewhere)', 'Service Quotas: adjustable', 'https://docs.aws.amazon.com/general/latest/gr/sns.html', `${FIELD_NOTES}; ${FROM_MEMORY}`),
  snsFilterPoliciesPerTopic: quota(200, 'filter policies per topic (one per Postroom queue subscription)', 'Service Quotas: adjustable; or shard the fan-out over topics', 'https://docs.aws.amazon.com/general/latest/gr/sns.html', `${FIELD_NOTES} (issue 18)`),
  dynamoPartitionKeyWcu: quota(1_000, 'write units/s per partition key (one stream partition, one queue registry item)', 'cannot be raised: spread writes over more keys (more stream partitions)', 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html', FIELD_NOTES),
  dynamoPartitionKeyRcu: quota(3_000, 'read units/s per partition key', 'cannot be raised: spread reads over more keys', 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html', FIELD_NOTES),
  dynamoTableWcu: quota(40_000, 'write request units/s per on-demand table', 'Service Quotas: adjustable (table max throughput)', 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html', FROM_MEMORY),
  dynamoTableRcu: quota(40_000, 'read request units/s per on-demand table', 'Service Quotas: adjustable', 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html', FROM_MEMORY),
  stepFunctionsStartExecution: quota(300, 'StartExecution calls/s sustained, standard workflows (token bucket of 1,300)', 'Service Quotas: adjustable', 'https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html', FROM_MEMORY),
  stepFunctionsStateTransitions: quota(5_000, 'state transitions/s sustained, standard workflows (bucket of 5,000; new accounts start lower)', 'Service Quotas: adjustable', 'https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html', `the page warns new accounts have reduced transition quotas (read on the date); figure ${FROM_MEMORY}`),
  kinesisShardRecordsIn: quota(1_000, 'records/s written per shard (or 1 MB/s, whichever first)', 'add shards (on-demand mode adds them itself)', 'https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html', 'Kinesis developer guide (docs.aws.amazon.com/streams/latest/dev/working-with-streams.html: 1 MB/s and 1,000 records/s written per shard), read on the date'),
  kinesisShardBytesIn: quota(1_000_000, 'bytes/s written per shard', 'add shards', 'https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html', 'Kinesis developer guide (docs.aws.amazon.com/streams/latest/dev/working-with-streams.html: 1 MB/s and 1,000 records/s written per shard), read on the date'),
} as const satisfies Record<string, Quota>;

export type AwsQuotas = { readonly [name in keyof typeof awsQuotas]: Quota };
