import { CloudWatchClient, GetMetricDataCommand, GetMetricStatisticsCommand, PutMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { clientConfig } from '../../../local/index.ts';

// emulator/cloudwatch_sqs_metrics.py: CloudWatch answers SQS's own metrics of the live moto queues.
const config = clientConfig({ endpoint: inject('awsEndpoint'), region: 'us-east-1' });
const sqs = new SQSClient(config);
const cloudwatch = new CloudWatchClient(config);
afterAll(() => {
  sqs.destroy();
  cloudwatch.destroy();
});

const queue = async (name: string, attributes: Record<string, string> = {}) => {
  const QueueName = `${name}-${randomUUID().slice(0, 8)}`;
  return { QueueName, QueueUrl: (await sqs.send(new CreateQueueCommand({ QueueName, Attributes: attributes }))).QueueUrl! };
};

const METRICS = ['ApproximateAgeOfOldestMessage', 'ApproximateNumberOfMessagesVisible', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] as const;

/** The last five whole minutes up to the next one, as a caller aligns a one-minute period. */
function window() {
  const EndTime = new Date(Math.ceil((Date.now() + 1) / 60_000) * 60_000);
  return { StartTime: new Date(EndTime.getTime() - 5 * 60_000), EndTime };
}

/** Each metric's datapoints (Maximum per minute) for each queue, in one GetMetricData. */
async function metricsOf(queueNames: readonly string[]) {
  const queries: MetricDataQuery[] = queueNames.flatMap((name, q) =>
    METRICS.map((MetricName, m) => ({ Id: `q${q}m${m}`, MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName, Dimensions: [{ Name: 'QueueName', Value: name }] }, Period: 60, Stat: 'Maximum' } })),
  );
  const { MetricDataResults = [] } = await cloudwatch.send(new GetMetricDataCommand({ ...window(), MetricDataQueries: queries, ScanBy: 'TimestampDescending' }));
  return queueNames.map((_, q) => Object.fromEntries(METRICS.map((metric, m) => [metric, MetricDataResults.find((result) => result.Id === `q${q}m${m}`)?.Values])));
}

describe('SQS metrics in CloudWatch on the emulator', () => {
  it("answers a queue's counts and the age of its oldest message, one datapoint a minute; no age for an empty queue", async () => {
    const busy = await queue('cw-busy');
    const empty = await queue('cw-empty');
    await sqs.send(new SendMessageCommand({ QueueUrl: busy.QueueUrl, MessageBody: 'first' }));
    await sleep(2_100);
    for (const MessageBody of ['second', 'third']) await sqs.send(new SendMessageCommand({ QueueUrl: busy.QueueUrl, MessageBody }));
    await sqs.send(new SendMessageCommand({ QueueUrl: busy.QueueUrl, MessageBody: 'later', DelaySeconds: 60 }));
    // The oldest message in flight still counts: it is not deleted.
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: busy.QueueUrl, MaxNumberOfMessages: 1, VisibilityTimeout: 60 }));
    expect(Messages.map((m) => m.Body)).toEqual(['first']);

    const [ofBusy, ofEmpty] = await metricsOf([busy.QueueName, empty.QueueName]);
    expect(ofBusy!.ApproximateAgeOfOldestMessage).toHaveLength(1);
    expect(ofBusy!.ApproximateAgeOfOldestMessage![0]).toBeGreaterThanOrEqual(2);
    expect(ofBusy!.ApproximateAgeOfOldestMessage![0]).toBeLessThan(60);
    expect(ofBusy).toMatchObject({ ApproximateNumberOfMessagesVisible: [2], ApproximateNumberOfMessagesNotVisible: [1], ApproximateNumberOfMessagesDelayed: [1] });
    expect(ofEmpty).toEqual({ ApproximateAgeOfOldestMessage: [], ApproximateNumberOfMessagesVisible: [0], ApproximateNumberOfMessagesNotVisible: [0], ApproximateNumberOfMessagesDelayed: [0] });

    // Deleting the oldest makes the next one the oldest: younger by the 2 s between the sends.
    await sqs.send(new DeleteMessageCommand({ QueueUrl: busy.QueueUrl, ReceiptHandle: Messages[0]!.ReceiptHandle }));
    const [afterDelete] = await metricsOf([busy.QueueName]);
    expect(afterDelete!.ApproximateAgeOfOldestMessage![0]).toBeLessThan(ofBusy!.ApproximateAgeOfOldestMessage![0]! - 1);
  });

  it('counts a dead letter from its move to the dead-letter queue, and leaves a standard queue\'s poison pills out of its age', async () => {
    const dlq = await queue('cw-dlq');
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }));
    const source = await queue('cw-source', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes!.QueueArn, maxReceiveCount: 3 }) });
    await sqs.send(new SendMessageCommand({ QueueUrl: source.QueueUrl, MessageBody: 'poison' }));
    await sleep(2_100);
    await sqs.send(new SendMessageCommand({ QueueUrl: source.QueueUrl, MessageBody: 'fresh' }));
    // Three receives of the poison pill (the fresh message is received once), each made visible again at once.
    for (let receive = 0; receive < 3; receive++) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: source.QueueUrl, MaxNumberOfMessages: 1, VisibilityTimeout: 0 }));
      expect(Messages.map((m) => m.Body)).toEqual(['poison']);
    }
    const [pill] = await metricsOf([source.QueueName]);
    expect(pill!.ApproximateAgeOfOldestMessage![0]).toBeLessThan(2);

    // The next receive moves the poison pill to the dead-letter queue: there it is as old as its move.
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: source.QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }));
    expect(Messages.map((m) => m.Body)).toEqual(['fresh']);
    const [ofDlq] = await metricsOf([dlq.QueueName]);
    expect(ofDlq).toMatchObject({ ApproximateNumberOfMessagesVisible: [1] });
    expect(ofDlq!.ApproximateAgeOfOldestMessage![0]).toBeLessThan(2);
  });

  it("stamps the live reading at the last whole minute, as AWS's newest datapoint is: a window ending at the current minute has it, the current minute alone not", async () => {
    const { QueueName, QueueUrl } = await queue('cw-minute');
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'one' }));
    const query = { Id: 'age', MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [{ Name: 'QueueName', Value: QueueName }] }, Period: 60, Stat: 'Maximum' } };
    // Two windows around the current minute, read in one request; again if the minute turned meanwhile.
    let read: { before: number; after: number; values: (number[] | undefined)[] };
    do {
      const before = Date.now();
      const minute = Math.floor(before / 60_000) * 60_000;
      // A caller whose clock still read the last minute (or whose request crossed into this one)
      // asks up to the start of this minute; one reading only the current minute asks from it.
      const [upToMinute, currentMinute] = await Promise.all(
        [
          { StartTime: new Date(minute - 5 * 60_000), EndTime: new Date(minute) },
          { StartTime: new Date(minute), EndTime: new Date(minute + 60_000) },
        ].map(async (times) => (await cloudwatch.send(new GetMetricDataCommand({ ...times, MetricDataQueries: [query] }))).MetricDataResults?.[0]?.Values),
      );
      read = { before, after: Date.now(), values: [upToMinute, currentMinute] };
    } while (Math.floor(read.before / 60_000) !== Math.floor(read.after / 60_000));
    expect(read.values).toEqual([[expect.any(Number)], []]);
  });

  it('answers GetMetricStatistics too, and keeps metrics put with PutMetricData as moto has them', async () => {
    const { QueueName, QueueUrl } = await queue('cw-statistics');
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'one' }));
    const statistics = await cloudwatch.send(
      new GetMetricStatisticsCommand({ ...window(), Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: QueueName }], Period: 60, Statistics: ['Maximum'] }),
    );
    expect(statistics.Datapoints?.map(({ Maximum, Unit }) => ({ Maximum, Unit }))).toEqual([{ Maximum: 1, Unit: 'Count' }]);

    const Namespace = `Custom/${randomUUID().slice(0, 8)}`;
    await cloudwatch.send(new PutMetricDataCommand({ Namespace, MetricData: [{ MetricName: 'Orders', Value: 7, Unit: 'Count', Timestamp: new Date() }] }));
    const { MetricDataResults = [] } = await cloudwatch.send(
      new GetMetricDataCommand({ ...window(), MetricDataQueries: [{ Id: 'orders', MetricStat: { Metric: { Namespace, MetricName: 'Orders' }, Period: 300, Stat: 'Sum' } }] }),
    );
    expect(MetricDataResults[0]?.Values).toEqual([7]);
  });
});
