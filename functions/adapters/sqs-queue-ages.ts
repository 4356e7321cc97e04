import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';

/** GetMetricData's limit of metric queries per call. */
const QUERIES_PER_CALL = 500;

const MINUTE_MS = 60_000;

/**
 * Minutes read back: SQS reports an active queue's metrics every minute, a few minutes late, so the
 * latest datapoint of this window is the latest reading. Five datapoints a query, so one call of
 * 500 queries stays far below GetMetricData's 100,800 datapoints a page: never a second page.
 */
const WINDOW_MINUTES = 5;

/**
 * The age of the oldest message of SQS queues, read from SQS's own CloudWatch metric
 * `ApproximateAgeOfOldestMessage` (free to publish; GetMetricData costs per metric requested).
 * One GetMetricData per 500 queues, all at once.
 */
export class SqsQueueAges {
  readonly #cloudwatch: CloudWatchClient;

  constructor(cloudwatch: CloudWatchClient) {
    this.#cloudwatch = cloudwatch;
  }

  /**
   * Seconds by SQS queue name, as SQS last reported them; a queue without a reading in the last
   * minutes (empty: SQS reports no age then, or idle) is absent.
   */
  async oldestMessageAges(queueNames: readonly string[], now: number): Promise<Map<string, number>> {
    const names = [...new Set(queueNames)];
    // Whole minutes, aligned to the period, as CloudWatch advises for GetMetricData.
    const EndTime = new Date(Math.ceil((now + 1) / MINUTE_MS) * MINUTE_MS);
    const StartTime = new Date(EndTime.getTime() - WINDOW_MINUTES * MINUTE_MS);
    const ages = new Map<string, number>();
    const calls = Array.from({ length: Math.ceil(names.length / QUERIES_PER_CALL) }, (_, call) => names.slice(call * QUERIES_PER_CALL, (call + 1) * QUERIES_PER_CALL));
    await Promise.all(
      calls.map(async (chunk) => {
        const { MetricDataResults = [] } = await this.#cloudwatch.send(
          new GetMetricDataCommand({
            StartTime,
            EndTime,
            ScanBy: 'TimestampDescending',
            MetricDataQueries: chunk.map((name, index) => ({
              Id: `q${index}`,
              MetricStat: {
                Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [{ Name: 'QueueName', Value: name }] },
                Period: MINUTE_MS / 1000,
                Stat: 'Maximum',
              },
            })),
          }),
        );
        for (const { Id, Values } of MetricDataResults) {
          const latest = Values?.[0];
          // Whole seconds, as SQS reports them.
          if (Id !== undefined && latest !== undefined) ages.set(chunk[Number(Id.slice(1))]!, Math.round(latest));
        }
      }),
    );
    return ages;
  }
}
