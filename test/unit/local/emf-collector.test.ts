import { describe, expect, it } from 'vitest';
import { EmfCollector } from '../../../local/metrics/emf-collector.ts';

const record = (dimensions: string[][], fields: Record<string, unknown>, metrics: string[], namespace = 'Postroom') =>
  JSON.stringify({ _aws: { Timestamp: 0, CloudWatchMetrics: [{ Namespace: namespace, Dimensions: dimensions, Metrics: metrics.map((Name) => ({ Name, Unit: 'Count' })) }] }, ...fields });

describe('EmfCollector', () => {
  it('takes EMF records only, leaving every other line to the terminal', () => {
    const collector = new EmfCollector();

    expect(collector.accept('{"level":"INFO","message":"request"}')).toBe(false);
    expect(collector.accept('plain text')).toBe(false);
    expect(collector.accept('{"_aws": broken')).toBe(false);
    expect(collector.accept(record([['Broker']], { Broker: 'p_', QueuePublished: 2 }, ['QueuePublished']))).toBe(true);
  });

  it('labels each record with its most specific dimension set, and ignores other namespaces', async () => {
    const collector = new EmfCollector();
    collector.accept(record([['Broker'], ['Broker', 'Queue']], { Broker: 'p_', Queue: 'orders', QueuePublished: 3 }, ['QueuePublished']));
    collector.accept(record([['Broker']], { Broker: 'p_', QueuePublished: 2 }, ['QueuePublished']));
    collector.accept(record([['Broker']], { Broker: 'p_', QueuePublished: 5 }, ['QueuePublished'], 'Other'));
    collector.accept(record([['Broker'], ['Broker', 'Queue']], { Broker: 'p_', Queue: 'orders', QueueWait: [20, 3000] }, ['QueueWait']));

    const text = await collector.exposition();

    expect(text).toContain('postroom_queue_published_total{broker="p_",queue="orders"} 3\n');
    expect(text).toContain('postroom_queue_published_total{broker="p_"} 2\n');
    expect(text).toContain('postroom_queue_wait_seconds_bucket{le="0.025",broker="p_",queue="orders"} 1\n');
    expect(text).toContain('postroom_queue_wait_seconds_count{broker="p_",queue="orders"} 2\n');
    expect(collector.totals()).toEqual({ published: 5, acked: 0, deadLettered: 0 });
  });
});
