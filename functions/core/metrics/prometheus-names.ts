import type { MetricDefinition } from './metric-catalogue.ts';

/**
 * The Prometheus name of a catalogue metric, by Prometheus' conventions: snake case under
 * `postroom_`, counters ending in `_total`, distributions as histograms in seconds.
 * `QueuePublished` → `postroom_queue_published_total`, `QueueWait` → `postroom_queue_wait_seconds`.
 */
export function prometheusName(metric: MetricDefinition): string {
  const snake = `postroom_${metric.name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()}`;
  if (metric.kind === 'counter') return `${snake}_total`;
  if (metric.kind === 'distribution') return `${snake}_seconds`;
  return snake;
}

/** A CloudWatch dimension as a Prometheus label: `Queue` → `queue`. */
export const prometheusLabel = (dimension: string): string => dimension.toLowerCase();

/** The histogram buckets, in seconds, for queue wait and processing time: 5 ms to an hour. */
export const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
