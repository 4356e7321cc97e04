import { describe, expect, it } from 'vitest';
import { Metrics } from '../../../../functions/core/metrics/metric-catalogue.ts';
import { prometheusName } from '../../../../functions/core/metrics/prometheus-names.ts';

describe('prometheusName', () => {
  it('follows Prometheus naming: snake case, _total for counters, _seconds for latency histograms', () => {
    expect(prometheusName(Metrics.queuePublished)).toBe('postroom_queue_published_total');
    expect(prometheusName(Metrics.streamBytesProduced)).toBe('postroom_stream_bytes_produced_total');
    expect(prometheusName(Metrics.queueWait)).toBe('postroom_queue_wait_seconds');
    expect(prometheusName(Metrics.queueProcessingTime)).toBe('postroom_queue_processing_time_seconds');
    expect(prometheusName(Metrics.streamGroupLagRecords)).toBe('postroom_stream_group_lag_records');
  });

  it('gives every metric a distinct valid name', () => {
    const names = Object.values(Metrics).map(prometheusName);

    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z_][a-z0-9_]*$/);
  });
});
