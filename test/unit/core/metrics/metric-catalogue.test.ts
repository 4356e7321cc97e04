import { describe, expect, it } from 'vitest';
import {
  MetricDimension,
  metricResourceMatcher,
  Metrics,
  readMetricResourcePolicy,
  writeMetricResourcePolicy,
} from '../../../../functions/core/metrics/metric-catalogue.ts';

describe('Metrics', () => {
  it('names every metric once, in CloudWatch form, with Broker first in every dimension set', () => {
    const names = Object.values(Metrics).map((metric) => metric.name);

    expect(new Set(names).size).toBe(names.length);
    for (const metric of Object.values(Metrics)) {
      expect(metric.name).toMatch(/^[A-Z][A-Za-z]{2,254}$/);
      for (const dimensions of metric.resourceDimensions) {
        expect(dimensions[0]).toBe(MetricDimension.broker);
        expect(new Set(dimensions).size).toBe(dimensions.length);
      }
    }
  });

  it('keeps the names the dashboard and alarms depend on', () => {
    expect(Object.fromEntries(Object.entries(Metrics).map(([key, metric]) => [key, `${metric.name}:${metric.unit}:${metric.kind}`]))).toEqual({
      queuePublished: 'QueuePublished:Count:counter',
      queueDelivered: 'QueueDelivered:Count:counter',
      queueAcked: 'QueueAcked:Count:counter',
      queueNacked: 'QueueNacked:Count:counter',
      queueDeadLettered: 'QueueDeadLettered:Count:counter',
      queueRedriven: 'QueueRedriven:Count:counter',
      queueWait: 'QueueWait:Milliseconds:distribution',
      queueProcessingTime: 'QueueProcessingTime:Milliseconds:distribution',
      exchangePublished: 'ExchangePublished:Count:counter',
      exchangeRoutedCopies: 'ExchangeRoutedCopies:Count:counter',
      exchangeUnroutable: 'ExchangeUnroutable:Count:counter',
      exchangeReturned: 'ExchangeReturned:Count:counter',
      streamRecordsProduced: 'StreamRecordsProduced:Count:counter',
      streamBytesProduced: 'StreamBytesProduced:Bytes:counter',
      streamGroupRebalances: 'StreamGroupRebalances:Count:counter',
      streamGroupLagRecords: 'StreamGroupLagRecords:Count:gauge',
      streamGroupLagAge: 'StreamGroupLagAge:Milliseconds:gauge',
      streamGroupCommittedOffset: 'StreamGroupCommittedOffset:Count:gauge',
      streamGroupMembers: 'StreamGroupMembers:Count:gauge',
      streamRecordsDelivered: 'StreamRecordsDelivered:Count:counter',
      streamDeliveryLatency: 'StreamDeliveryLatency:Milliseconds:distribution',
      streamDeliveryFailures: 'StreamDeliveryFailures:Count:counter',
      streamRecordsDeadLettered: 'StreamRecordsDeadLettered:Count:counter',
      queueConsumed: 'QueueConsumed:Count:counter',
      queueConsumeFailures: 'QueueConsumeFailures:Count:counter',
      queueConsumeRedeliveries: 'QueueConsumeRedeliveries:Count:counter',
      queueConsumeLatency: 'QueueConsumeLatency:Milliseconds:distribution',
      sagaStarted: 'SagaStarted:Count:counter',
    });
  });
});

describe('metric resource policy', () => {
  it('round-trips through the environment variable, sorted and deduplicated', () => {
    const written = writeMetricResourcePolicy({ queue: ['orders', 'billing-*', 'orders'], exchange: [], stream: ['clicks'] });

    expect(written).toBe('{"queue":["billing-*","orders"],"stream":["clicks"]}');
    expect(readMetricResourcePolicy(written)).toEqual({ queue: ['billing-*', 'orders'], stream: ['clicks'] });
  });

  it.each([undefined, '', 'not json', '[]', 'null', '{"queue":"orders"}'])('monitors nothing per resource for %j', (raw) => {
    const monitored = metricResourceMatcher(readMetricResourcePolicy(raw));

    expect(monitored('queue', 'orders')).toBe(false);
  });

  it('matches names exactly and * as any run of characters, per kind', () => {
    const monitored = metricResourceMatcher({ queue: ['orders', 'billing-*'], exchange: ['a.*.c'], saga: ['*'] });

    expect(monitored('queue', 'orders')).toBe(true);
    expect(monitored('queue', 'orders-2')).toBe(false);
    expect(monitored('queue', 'billing-')).toBe(true);
    expect(monitored('queue', 'billing-eu')).toBe(true);
    expect(monitored('exchange', 'orders')).toBe(false);
    expect(monitored('exchange', 'a.b.c')).toBe(true);
    expect(monitored('exchange', 'aXbXc')).toBe(false);
    expect(monitored('saga', 'anything')).toBe(true);
    expect(monitored('stream', 'clicks')).toBe(false);
  });
});
