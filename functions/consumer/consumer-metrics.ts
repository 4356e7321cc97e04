import { BrokerMetrics, type MetricResource } from '../api/metrics/broker-metrics.ts';
import { Metrics } from '../core/metrics/metric-catalogue.ts';
import type { PostroomMessage } from './postroom-message.ts';

/** Where a postroomSqsConsumer's metrics go: the broker (its queue name prefix) and the Postroom queue the function consumes. */
export interface ConsumerMetricsOptions {
  readonly broker: string;
  readonly queue: string;
}

/**
 * What a postroomSqsConsumer function saw of its messages, written as EMF (namespace `Postroom`,
 * broker-wide and per queue) at the end of each invocation: no AWS call.
 */
export class ConsumerMetrics {
  readonly #metrics: BrokerMetrics;
  readonly #queue: MetricResource;

  constructor({ broker, queue }: ConsumerMetricsOptions) {
    this.#metrics = new BrokerMetrics(broker, { queue: [queue] });
    this.#queue = { kind: 'queue', name: queue };
  }

  /** A message's processing ended at `now`, successfully or not. */
  settled(message: PostroomMessage, ok: boolean, now: number): void {
    if (Number(message.sqsRecord.attributes.ApproximateReceiveCount) > 1) this.#metrics.count(Metrics.queueConsumeRedeliveries, this.#queue);
    if (!ok) {
      this.#metrics.count(Metrics.queueConsumeFailures, this.#queue);
      return;
    }
    this.#metrics.count(Metrics.queueConsumed, this.#queue);
    if (message.publishedAt !== null) this.#metrics.observe(Metrics.queueConsumeLatency, this.#queue, [now - Date.parse(message.publishedAt)]);
  }

  flush(): void {
    this.#metrics.flush();
  }
}
