import { Duration } from 'aws-cdk-lib';
import { type IMetric, MathExpression, Metric, type MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import { fifoQueueNames } from '../../../functions/core/fifo.ts';
import { priorityLevelNames, SqsQueueNaming } from '../../../functions/core/sqs-queue-names.ts';

/** What names the SQS queues behind a Postroom queue. */
export interface QueueShape {
  readonly queueNamePrefix: string;
  readonly queueName: string;
  readonly maxPriority?: number;
  readonly fifo?: boolean;
}

/** The SQS queues behind a Postroom queue: one per priority level (level 0 first), and the dead-letter queue. */
export function sqsQueuesOf(shape: QueueShape): { readonly levels: readonly string[]; readonly deadLetterQueue: string } {
  const standard = new SqsQueueNaming(shape.queueNamePrefix).namesFor(shape.queueName);
  const names = shape.fifo ? fifoQueueNames(standard) : standard;
  const higher = Array.from({ length: shape.maxPriority ?? 0 }, (_, index) => priorityLevelNames(names, index + 1).queue);
  return { levels: [names.queue, ...higher], deadLetterQueue: names.deadLetterQueue };
}

/**
 * One of SQS's own queue metrics (free, every minute) for a Postroom queue: the metric of its SQS
 * queue, or across its priority levels the sum (counts) or the maximum (ages).
 */
export function sqsQueueMetric(queues: readonly string[], metricName: string, statistic: 'Sum' | 'Maximum', label: string, options: MetricOptions = {}): IMetric {
  const metrics = queues.map(
    (queueName) => new Metric({ namespace: 'AWS/SQS', metricName, dimensionsMap: { QueueName: queueName }, statistic: 'Maximum', period: Duration.minutes(1), ...options }),
  );
  if (metrics.length === 1) return metrics[0]!.with({ label, ...options });
  const usingMetrics = Object.fromEntries(metrics.map((metric, level) => [`level${level}`, metric]));
  const ids = Object.keys(usingMetrics).join(', ');
  return new MathExpression({
    expression: statistic === 'Sum' ? `SUM([${ids}])` : `MAX([${ids}])`,
    usingMetrics,
    label,
    period: options.period ?? Duration.minutes(1),
  });
}
