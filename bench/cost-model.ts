import type { AwsPrices, PeerPrices } from './prices/aws-us-east-1.ts';

const MILLION = 1_000_000;
const GIB = 1024 ** 3;
const KIB = 1024;
/** SQS and SNS take at most 10 messages per batch call. */
const AWS_BATCH = 10;

/** What one workload used, as counted by the benchmark for `messages` messages (or stream records). */
export interface WorkloadUsage {
  readonly messages: number;
  /** API Gateway requests, one per invocation of the API function. */
  readonly apiRequests: number;
  readonly invocations: number;
  /** The invocations' billed durations summed: each measured duration rounded up to 1 ms. */
  readonly billedMs: number;
  /** Those durations times each function's configured memory (from the template). */
  readonly gbSeconds: number;
  readonly sqsStandardRequests: number;
  readonly sqsFifoRequests: number;
  readonly snsPublishRequests: number;
  /** Messages published to SNS (PublishBatch entries): for the capacity model, not the bill. */
  readonly snsMessages: number;
  readonly writeUnits: number;
  readonly readUnits: number;
  readonly stateTransitions: number;
  /** Bytes of the function's log lines (EMF metrics), ingested by CloudWatch Logs. */
  readonly logBytes: number;
}

/** Dollars per million messages, by service. */
export interface CostBreakdown {
  readonly apiGateway: number;
  readonly lambda: number;
  readonly sqs: number;
  readonly sns: number;
  readonly dynamodb: number;
  readonly stepFunctions: number;
  readonly cloudWatchLogs: number;
  readonly total: number;
}

/** Lambda bills each invocation's duration rounded up to the next millisecond. */
export const billedMs = (ms: number): number => Math.max(1, Math.ceil(ms));

export const totalBilledMs = (invocationMs: readonly number[]): number => invocationMs.reduce((sum, ms) => sum + billedMs(ms), 0);

export const gbSeconds = (billed: number, memoryMb: number): number => (billed / 1000) * (memoryMb / 1024);

export function costPerMillion(usage: WorkloadUsage, prices: AwsPrices): CostBreakdown {
  const perMessage = (dollars: number) => (dollars / usage.messages) * MILLION;
  const parts = {
    apiGateway: perMessage(usage.apiRequests * prices.apiGatewayHttpRequest.usd),
    lambda: perMessage(usage.invocations * prices.lambdaRequest.usd + usage.gbSeconds * prices.lambdaArmGbSecond.usd),
    sqs: perMessage(usage.sqsStandardRequests * prices.sqsStandardRequest.usd + usage.sqsFifoRequests * prices.sqsFifoRequest.usd),
    sns: perMessage(usage.snsPublishRequests * prices.snsPublishRequest.usd),
    dynamodb: perMessage(usage.writeUnits * prices.dynamoWriteRequestUnit.usd + usage.readUnits * prices.dynamoReadRequestUnit.usd),
    stepFunctions: perMessage(usage.stateTransitions * prices.stepFunctionsTransition.usd),
    cloudWatchLogs: perMessage((usage.logBytes / GIB) * prices.cloudWatchLogsIngestedGb.usd),
  };
  return { ...parts, total: Object.values(parts).reduce((sum, dollars) => sum + dollars, 0) };
}

const COUNTED = ['apiRequests', 'invocations', 'billedMs', 'gbSeconds', 'sqsStandardRequests', 'sqsFifoRequests', 'snsPublishRequests', 'snsMessages', 'writeUnits', 'readUnits', 'stateTransitions', 'logBytes'] as const;

/**
 * `first`'s messages with `times` times what `second` used per message added: a publish and the
 * receives of each queue it reached, counted as two workloads on the same kind of message.
 */
export function combine(first: WorkloadUsage, second: WorkloadUsage, times = 1): WorkloadUsage {
  const added = COUNTED.map((name) => [name, first[name] + (second[name] / second.messages) * first.messages * times]);
  return { ...first, ...Object.fromEntries(added) };
}

/**
 * SQS (and SNS for a fan-out) used directly with the SDK, batched as far as AWS allows (10 per call,
 * each batch within one 64 KiB chunk): a publish (SNS PublishBatch, or SQS SendMessageBatch when
 * `queues` is 0), then a ReceiveMessage and a DeleteMessageBatch per 10 messages on each queue.
 */
export function sqsSnsDirectPerMillion(prices: AwsPrices, { queues, batch }: { queues: number; batch: number }): number {
  const perCall = Math.min(batch, AWS_BATCH);
  const calls = MILLION / perCall;
  const publish = queues === 0 ? calls * prices.sqsStandardRequest.usd : calls * prices.snsPublishRequest.usd;
  return publish + Math.max(1, queues) * 2 * calls * prices.sqsStandardRequest.usd;
}

/** QStash bills each delivery to each endpoint: a fan-out to N endpoints is N messages. */
export function qstashPerMillion(prices: PeerPrices, endpoints: number): number {
  return Math.max(1, endpoints) * MILLION * prices.qstashMessage.usd;
}

/**
 * Kinesis Data Streams on-demand for a million records of `recordBytes`: data in (each record
 * rounded up to 1 KiB), data out for each of `readers`, and the stream-hours the million takes at
 * `recordsPerSecond` (Postroom has no hourly charge; Kinesis has, so its figure depends on the rate).
 */
export function kinesisPerMillion(prices: PeerPrices, { recordBytes, readers, recordsPerSecond }: { recordBytes: number; readers: number; recordsPerSecond: number }): { in: number; out: number; hours: number; total: number } {
  const dataIn = (MILLION * Math.ceil(recordBytes / KIB) * KIB / GIB) * prices.kinesisOnDemandGbIn.usd;
  const dataOut = (MILLION * recordBytes * readers / GIB) * prices.kinesisOnDemandGbOut.usd;
  const hours = (MILLION / recordsPerSecond / 3600) * prices.kinesisOnDemandStreamHour.usd;
  return { in: dataIn, out: dataOut, hours, total: dataIn + dataOut + hours };
}
