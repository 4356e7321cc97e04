import type { AwsQuotas, Quota } from './quotas/aws-us-east-1.ts';
import type { WorkloadUsage } from './cost-model.ts';

/** What one message asks of each rate-limited resource, per message, from counted figures. */
export interface Demand {
  readonly apiRequests?: number;
  /** Lambda concurrency held per message: invocations × mean duration, in seconds (Little's law). */
  readonly lambdaSeconds?: number;
  /** Messages published to SNS (a PublishBatch entry counts as one toward the publish quota). */
  readonly snsMessages?: number;
  /** Calls per action on one FIFO queue. */
  readonly fifoCalls?: number;
  /** Write and read units on the busiest partition key, and on the table. */
  readonly keyWriteUnits?: number;
  readonly keyReadUnits?: number;
  readonly tableWriteUnits?: number;
  readonly tableReadUnits?: number;
  readonly sfnStarts?: number;
  readonly sfnTransitions?: number;
  /** Kinesis: records and bytes written per message to one shard. */
  readonly shardRecords?: number;
  readonly shardBytes?: number;
}

export interface Ceiling {
  readonly quota: string;
  /** Sustained messages per second this quota alone allows. */
  readonly messagesPerSecond: number;
  readonly raise: string;
}

export interface CapacityPrediction {
  readonly ceilings: readonly Ceiling[];
  /** The lowest ceiling; Infinity (no documented ceiling) when nothing on the path is rate-limited. */
  readonly bottleneck: Ceiling;
}

const QUOTA_OF: { readonly [need in keyof Demand]-?: keyof AwsQuotas } = {
  apiRequests: 'apiGatewayRps',
  lambdaSeconds: 'lambdaConcurrency',
  snsMessages: 'snsPublishPerSecond',
  fifoCalls: 'sqsFifoCallsPerAction',
  keyWriteUnits: 'dynamoPartitionKeyWcu',
  keyReadUnits: 'dynamoPartitionKeyRcu',
  tableWriteUnits: 'dynamoTableWcu',
  tableReadUnits: 'dynamoTableRcu',
  sfnStarts: 'stepFunctionsStartExecution',
  sfnTransitions: 'stepFunctionsStateTransitions',
  shardRecords: 'kinesisShardRecordsIn',
  shardBytes: 'kinesisShardBytesIn',
};

/** Quotas that hold per partition key or per shard: `keys` of them serve the load side by side. */
const PER_KEY: ReadonlySet<keyof Demand> = new Set(['keyWriteUnits', 'keyReadUnits', 'shardRecords', 'shardBytes']);

const UNLIMITED: Ceiling = { quota: 'none documented (SQS standard: nearly unlimited calls/s)', messagesPerSecond: Infinity, raise: '-' };

/**
 * Sustained messages/s a path allows: each quota divided by what a message asks of it (a per-key
 * quota times the `keys` the load spreads over); the bottleneck is the lowest.
 */
export function predictCapacity(demand: Demand, quotas: AwsQuotas, { keys = 1 }: { keys?: number } = {}): CapacityPrediction {
  const ceilings = (Object.entries(demand) as Array<[keyof Demand, number | undefined]>)
    .filter(([, perMessage]) => perMessage !== undefined && perMessage > 0)
    .map(([need, perMessage]) => ceiling(quotas[QUOTA_OF[need]], (quotas[QUOTA_OF[need]].limit * (PER_KEY.has(need) ? keys : 1)) / perMessage!, QUOTA_OF[need]));
  const bottleneck = ceilings.reduce((lowest, next) => (next.messagesPerSecond < lowest.messagesPerSecond ? next : lowest), UNLIMITED);
  return { ceilings, bottleneck };
}

function ceiling(quota: Quota, messagesPerSecond: number, name: string): Ceiling {
  return { quota: `${name} (${quota.limit.toLocaleString('en')} ${quota.unit.split(' (')[0]})`, messagesPerSecond, raise: quota.raise };
}

/** The demand of a counted workload that moved all its messages through one partition key (or none). */
export function demandOf(usage: WorkloadUsage, { partitionKeyed }: { partitionKeyed: boolean }): Demand {
  const perMessage = (value: number) => value / usage.messages;
  return {
    apiRequests: perMessage(usage.apiRequests),
    lambdaSeconds: perMessage(usage.billedMs / 1000),
    snsMessages: perMessage(usage.snsMessages),
    tableWriteUnits: perMessage(usage.writeUnits),
    tableReadUnits: perMessage(usage.readUnits),
    ...(partitionKeyed && { keyWriteUnits: perMessage(usage.writeUnits), keyReadUnits: perMessage(usage.readUnits) }),
    sfnTransitions: perMessage(usage.stateTransitions),
  };
}
