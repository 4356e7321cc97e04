import type { BrokerMetrics, MetricResource } from '../api/metrics/broker-metrics.ts';
import { Metrics } from '../core/metrics/metric-catalogue.ts';
import type { DeliveryResult } from '../core/streams/push-delivery.ts';
import type { ReadRecord } from '../core/streams/read-slice.ts';

/**
 * What a StreamConsumer's dispatcher saw of its deliveries, kept as EMF by BrokerMetrics (written
 * when the invocation ends, no AWS call): per consumer group, always with its own dimension set.
 */
export class DeliveryMetrics {
  readonly #metrics: BrokerMetrics;
  readonly #group: MetricResource;

  constructor(metrics: BrokerMetrics, stream: string, group: string) {
    this.#metrics = metrics;
    this.#group = { kind: 'stream', name: stream, group };
  }

  /** A delivery ended at `now`: the records it processed (as pushRecords reads the result), their latency, or a failure. */
  delivered(batch: readonly ReadRecord[], result: DeliveryResult, now: number): void {
    const processed = result.ok ? batch : batch.slice(0, Math.max(0, batch.findIndex((record) => record.offset === result.failedOffset)));
    this.#metrics.count(Metrics.streamRecordsDelivered, this.#group, processed.length);
    this.#metrics.observe(Metrics.streamDeliveryLatency, this.#group, processed.map((record) => now - record.timestamp));
    if (!result.ok) this.#metrics.count(Metrics.streamDeliveryFailures, this.#group);
  }

  deadLettered(): void {
    this.#metrics.count(Metrics.streamRecordsDeadLettered, this.#group);
  }

  flush(): void {
    this.#metrics.flush();
  }
}
