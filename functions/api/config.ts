import { METRIC_RESOURCES_ENV, readMetricResourcePolicy, type MetricResourcePolicy } from '../core/metrics/metric-catalogue.ts';
import { DEFAULT_SHARD_CAPACITY } from '../core/fan-out-shards.ts';
import { ApiEnvironment } from './environment.ts';

export interface ApiConfig {
  readonly metadataTable: string;
  readonly queueNamePrefix: string;
  readonly fanOutTopicArn: string;
  /** Subscriptions per fan-out shard at most (see core/fan-out-shards.ts). */
  readonly fanOutShardCapacity: number;
  readonly payloadBucket: string;
  readonly streamRecordsTable: string;
  readonly eventStoreTable: string;
  readonly idempotencyTable: string;
  readonly idempotencyWindowSeconds: number;
  /** The KMS key for the queues the API creates; undefined: SQS-managed encryption. */
  readonly queueKmsKeyArn: string | undefined;
  /** The resources whose metrics get their own dimensions; none unless the stack names some. */
  readonly metricResources: MetricResourcePolicy;
}

/** How long an Idempotency-Key is remembered unless the stack says otherwise: 24 h. */
export const DEFAULT_IDEMPOTENCY_WINDOW_SECONDS = 86_400;

export class MissingConfigurationError extends Error {
  constructor(variable: string) {
    super(`environment variable ${variable} is not set; the stack (or the local runtime) must provide it`);
    this.name = 'MissingConfigurationError';
  }
}

/** The value of `variable`, which the stack (or the local runtime) always sets. */
export function requiredVariable(environment: NodeJS.ProcessEnv, variable: string): string {
  const value = environment[variable];
  if (value === undefined) throw new MissingConfigurationError(variable);
  return value;
}

/** The API function's configuration from its environment (see ApiEnvironment). */
export function readApiConfig(environment: NodeJS.ProcessEnv = process.env): ApiConfig {
  const required = (variable: string): string => requiredVariable(environment, variable);
  return {
    metadataTable: required(ApiEnvironment.metadataTable),
    queueNamePrefix: required(ApiEnvironment.queueNamePrefix),
    fanOutTopicArn: required(ApiEnvironment.fanOutTopicArn),
    fanOutShardCapacity: Number(environment[ApiEnvironment.fanOutShardCapacity] ?? DEFAULT_SHARD_CAPACITY),
    payloadBucket: required(ApiEnvironment.payloadBucket),
    streamRecordsTable: required(ApiEnvironment.streamRecordsTable),
    eventStoreTable: required(ApiEnvironment.eventStoreTable),
    idempotencyTable: required(ApiEnvironment.idempotencyTable),
    idempotencyWindowSeconds: Number(environment[ApiEnvironment.idempotencyWindowSeconds] ?? DEFAULT_IDEMPOTENCY_WINDOW_SECONDS),
    queueKmsKeyArn: environment[ApiEnvironment.queueKmsKeyArn] || undefined,
    metricResources: readMetricResourcePolicy(environment[METRIC_RESOURCES_ENV]),
  };
}
