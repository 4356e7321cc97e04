/**
 * List prices the cost model multiplies the benchmark's counted usage by: us-east-1, on-demand,
 * first tier, as read on the date below. `checked` says how each was verified; a price that could
 * not be confirmed from its page says so. Update the date and the figures together.
 */
export const PRICES_DATE = '2026-12-01';

export interface Price {
  /** US dollars per `unit`. */
  readonly usd: number;
  readonly unit: string;
  readonly source: string;
  readonly checked: string;
}

const price = (usd: number, unit: string, source: string, checked: string): Price => ({ usd, unit, source, checked });
const MILLION = 1_000_000;

export const awsPrices = {
  apiGatewayHttpRequest: price(1.0 / MILLION, 'HTTP API request (first 300 million a month)', 'https://aws.amazon.com/api-gateway/pricing/', 'project field notes (2026 summary); page not re-read on the date'),
  lambdaRequest: price(0.2 / MILLION, 'invocation', 'https://aws.amazon.com/lambda/pricing/', 'project field notes (2026 summary); page not re-read on the date'),
  lambdaArmGbSecond: price(0.0000133334, 'GB-second on arm64 (first 7.5 billion a month)', 'https://aws.amazon.com/lambda/pricing/', 'project field notes (2026 summary); page not re-read on the date'),
  sqsStandardRequest: price(0.4 / MILLION, 'standard-queue request, per 64 KiB chunk of payload', 'https://aws.amazon.com/sqs/pricing/', 'project field notes (2026 summary); page not re-read on the date'),
  sqsFifoRequest: price(0.5 / MILLION, 'FIFO-queue request, per 64 KiB chunk of payload', 'https://aws.amazon.com/sqs/pricing/', 'project field notes (2026 summary); page not re-read on the date'),
  // SNS bills each 64 KB chunk of published data as a request; a PublishBatch of 10 small messages
  // is one request ("reduce costs ... by a factor of up to 10": docs.aws.amazon.com/sns/latest/dg/sns-batch-api-actions.html).
  snsPublishRequest: price(0.5 / MILLION, 'standard-topic publish request, per 64 KB chunk', 'https://aws.amazon.com/sns/pricing/', 'price: project field notes; batching rule: SNS developer guide, read on the date'),
  snsToSqsDelivery: price(0, 'delivery to an SQS queue', 'https://aws.amazon.com/sns/pricing/', 'project field notes: deliveries to SQS carry no charge (the queue bills its own requests)'),
  // AWS halved on-demand throughput prices on 2024-11-01 (from $1.25 / $0.25 per million).
  dynamoWriteRequestUnit: price(0.625 / MILLION, 'on-demand write request unit (1 KB; 2 per KB in a transaction)', 'https://aws.amazon.com/dynamodb/pricing/on-demand/', 'post-November-2024 figure, confirmed by a 2025 summary of the price cut (airbyte.com/data-engineering-resources/dynamodb-pricing)'),
  dynamoReadRequestUnit: price(0.125 / MILLION, 'on-demand read request unit (4 KB strongly consistent, 8 KB eventually)', 'https://aws.amazon.com/dynamodb/pricing/on-demand/', 'post-November-2024 figure, confirmed by the same summary'),
  stepFunctionsTransition: price(0.025 / 1000, 'standard-workflow state transition', 'https://aws.amazon.com/step-functions/pricing/', 'project field notes (2026 summary); page not re-read on the date'),
  // Metrics are EMF log lines: no CloudWatch API calls, but the log bytes are ingested.
  cloudWatchLogsIngestedGb: price(0.5, 'GB of logs ingested (standard log class)', 'https://aws.amazon.com/cloudwatch/pricing/', 'NOT verified on the date (from memory of the page)'),
} as const satisfies Record<string, Price>;

/** The peers' published prices for the same work. */
export const peerPrices = {
  qstashMessage: price(1 / 100_000, 'message delivered to one endpoint (pay as you go; retries free)', 'https://upstash.com/docs/qstash/overall/pricing', 'upstash.com pricing page: $1 per 100K messages; a topic with N endpoints bills N'),
  kinesisOnDemandGbIn: price(0.08, 'GB written, each record rounded up to 1 KB (on-demand)', 'https://aws.amazon.com/kinesis/data-streams/pricing/', 'the 1 KB rounding is on the page; the dollar figure is from memory of it and NOT verified on the date'),
  kinesisOnDemandGbOut: price(0.04, 'GB read (on-demand)', 'https://aws.amazon.com/kinesis/data-streams/pricing/', 'NOT verified on the date (from memory of the page)'),
  kinesisOnDemandStreamHour: price(0.04, 'stream-hour (on-demand)', 'https://aws.amazon.com/kinesis/data-streams/pricing/', 'NOT verified on the date (from memory of the page)'),
} as const satisfies Record<string, Price>;

export type AwsPrices = { readonly [name in keyof typeof awsPrices]: Price };
export type PeerPrices = { readonly [name in keyof typeof peerPrices]: Price };
