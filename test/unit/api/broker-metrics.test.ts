import { afterEach, describe, expect, it, vi } from 'vitest';
import { BrokerMetrics } from '../../../functions/api/metrics/broker-metrics.ts';
import { Metrics } from '../../../functions/core/metrics/metric-catalogue.ts';

/** The EMF records `flush` writes to stdout. */
function flushed(metrics: BrokerMetrics): Record<string, any>[] {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    metrics.flush();
  } finally {
    write.mockRestore();
  }
  return lines.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

afterEach(() => vi.restoreAllMocks());

describe('BrokerMetrics', () => {
  it('writes one record per resource, broker-wide only for a resource the policy does not monitor', () => {
    const metrics = new BrokerMetrics('dev_', { queue: ['orders'] });
    metrics.count(Metrics.queuePublished, { kind: 'queue', name: 'orders' }, 3);
    metrics.count(Metrics.queuePublished, { kind: 'queue', name: 'orders' }, 2);
    metrics.observe(Metrics.queueWait, { kind: 'queue', name: 'orders' }, [5, 7]);
    metrics.count(Metrics.queuePublished, { kind: 'queue', name: 'scratch' }, 1);

    const [orders, scratch] = flushed(metrics);

    expect(orders).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'Postroom', Dimensions: [['Broker'], ['Broker', 'Queue']], Metrics: [{ Name: 'QueuePublished', Unit: 'Count' }, { Name: 'QueueWait', Unit: 'Milliseconds' }] }] },
      Broker: 'dev_',
      Queue: 'orders',
      QueuePublished: 5,
      QueueWait: [5, 7],
    });
    expect(orders).not.toHaveProperty('service');
    expect(scratch).toMatchObject({ _aws: { CloudWatchMetrics: [{ Dimensions: [['Broker']] }] }, Broker: 'dev_', QueuePublished: 1 });
    expect(scratch).not.toHaveProperty('Queue');
    expect(flushed(metrics)).toEqual([]);
  });

  it('names a consumer group beside its stream', () => {
    const metrics = new BrokerMetrics('dev_', { stream: ['clicks'] });
    metrics.count(Metrics.streamGroupRebalances, { kind: 'stream', name: 'clicks', group: 'billing' });

    const [record] = flushed(metrics);

    expect(record).toMatchObject({ _aws: { CloudWatchMetrics: [{ Dimensions: [['Broker'], ['Broker', 'Stream', 'Group']] }] }, Stream: 'clicks', Group: 'billing', StreamGroupRebalances: 1 });
  });

  it('splits more than 99 observations over records that all keep their dimensions', () => {
    const metrics = new BrokerMetrics('dev_', { queue: ['*'] });
    metrics.observe(Metrics.queueProcessingTime, { kind: 'queue', name: 'orders' }, Array.from({ length: 250 }, (_, index) => index));
    metrics.count(Metrics.queueAcked, { kind: 'queue', name: 'orders' }, 250);

    const records = flushed(metrics);

    expect(records.map((record) => [record.QueueProcessingTime.length, record.QueueAcked])).toEqual([[99, 250], [99, undefined], [52, undefined]]);
    for (const record of records) expect(record).toMatchObject({ Broker: 'dev_', Queue: 'orders', _aws: { CloudWatchMetrics: [{ Dimensions: [['Broker'], ['Broker', 'Queue']] }] } });
  });
});
