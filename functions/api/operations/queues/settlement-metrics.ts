import type { EntryOutcome } from '../../../adapters/aws-batch.ts';
import { Metrics } from '../../../core/metrics/metric-catalogue.ts';
import type { Receipt } from '../../../core/receipt.ts';
import type { BrokerMetrics } from '../../metrics/broker-metrics.ts';

/**
 * Counts the receipts SQS settled (all of one queue), and for acks each one's processing time,
 * from the delivery time its receipt carries (receipts issued before it was carried have none).
 */
export function countSettled(metrics: BrokerMetrics, how: 'ack' | 'nack', receipts: readonly Receipt[], outcomes: readonly EntryOutcome[], now: number): void {
  const settled = receipts.filter((_, index) => outcomes[index]!.ok);
  const [first] = settled;
  if (first === undefined) return;
  const queue = { kind: 'queue', name: first.queue } as const;
  metrics.count(how === 'ack' ? Metrics.queueAcked : Metrics.queueNacked, queue, settled.length);
  if (how === 'ack') {
    metrics.observe(Metrics.queueProcessingTime, queue, settled.flatMap(({ deliveredAt }) => (deliveredAt === undefined ? [] : [Math.max(0, now - deliveredAt)])));
  }
}
