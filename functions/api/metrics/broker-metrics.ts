import { Metrics as EmfMetrics } from '@aws-lambda-powertools/metrics';
import {
  METRIC_NAMESPACE,
  MetricDimension,
  metricResourceMatcher,
  type MetricDefinition,
  type MetricResourcePolicy,
  type MonitoredKind,
} from '../../core/metrics/metric-catalogue.ts';

/** The resource an event happened to: a queue, exchange, stream or saga, or a consumer group of a stream. */
export interface MetricResource {
  readonly kind: MonitoredKind;
  readonly name: string;
  readonly group?: string;
}

const resourceDimension: Readonly<Record<MonitoredKind, string>> = {
  queue: MetricDimension.queue,
  exchange: MetricDimension.exchange,
  stream: MetricDimension.stream,
  saga: MetricDimension.saga,
};

/**
 * Powertools publishes a metric on its own when it holds 100 values, and forgets the dimension sets
 * then; so no metric gets more than 99 values between two publishes of ours.
 */
const VALUES_PER_RECORD = 99;

interface Pending {
  readonly resource: MetricResource;
  /** Counters hold one running sum; distributions every observation. */
  readonly values: Map<MetricDefinition, number[]>;
}

/**
 * The events of the requests a container handles, written as CloudWatch embedded metric format
 * (Powertools Metrics) to stdout when `flush` is called at the end of each request: one record per
 * resource, with the broker-wide dimension set always and the resource's own only when the policy
 * monitors it (see metric-catalogue.ts). No AWS call: CloudWatch Logs turns the records into metrics.
 */
export class BrokerMetrics {
  readonly #monitored: (kind: MonitoredKind, name: string) => boolean;
  readonly #emf: EmfMetrics;
  readonly #pending = new Map<string, Pending>();

  constructor(broker: string, policy: MetricResourcePolicy) {
    this.#monitored = metricResourceMatcher(policy);
    this.#emf = new EmfMetrics({ namespace: METRIC_NAMESPACE });
    // Every dimension set names the broker; Powertools' `service` dimension would be on each too.
    this.#emf.clearDefaultDimensions();
    this.#emf.setDefaultDimensions({ [MetricDimension.broker]: broker });
  }

  /** Adds `value` to a counter (nothing for 0). */
  count(metric: MetricDefinition, resource: MetricResource, value = 1): void {
    if (value === 0) return;
    const values = this.#valuesOf(metric, resource);
    if (values.length === 0) values.push(value);
    else values[0]! += value;
  }

  /** Records observations of a distribution (queue wait, processing time). */
  observe(metric: MetricDefinition, resource: MetricResource, observations: readonly number[]): void {
    if (observations.length > 0) this.#valuesOf(metric, resource).push(...observations);
  }

  /** Writes what was recorded since the last flush, then forgets it. Synchronous, so concurrent requests cannot interleave a record. */
  flush(): void {
    for (const { resource, values } of this.#pending.values()) {
      for (let offset = 0; [...values.values()].some((list) => list.length > offset); offset += VALUES_PER_RECORD) {
        // The default dimensions alone: the broker-wide set.
        this.#emf.addDimensions({});
        if (this.#monitored(resource.kind, resource.name)) this.#emf.addDimensions(this.#resourceDimensions(resource));
        for (const [metric, list] of values) {
          for (const value of list.slice(offset, offset + VALUES_PER_RECORD)) this.#emf.addMetric(metric.name, metric.unit, value);
        }
        this.#emf.publishStoredMetrics();
      }
    }
    this.#pending.clear();
  }

  #resourceDimensions({ kind, name, group }: MetricResource): Record<string, string> {
    return {
      [resourceDimension[kind]]: name,
      ...(group !== undefined && { [MetricDimension.group]: group }),
    };
  }

  #valuesOf(metric: MetricDefinition, resource: MetricResource): number[] {
    const key = JSON.stringify([resource.kind, resource.name, resource.group]);
    let pending = this.#pending.get(key);
    if (!pending) this.#pending.set(key, (pending = { resource, values: new Map() }));
    let values = pending.values.get(metric);
    if (!values) pending.values.set(metric, (values = []));
    return values;
  }
}
