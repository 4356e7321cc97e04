import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricDimension, Metrics as Catalogue, type MonitoredKind } from '../core/metrics/metric-catalogue.ts';
import type { GroupLag } from './group-lags.ts';

const { streamGroupLagRecords: lagRecords, streamGroupLagAge: lagAge, streamGroupCommittedOffset: committedOffset, streamGroupMembers: members } = Catalogue;

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const max = (values: readonly number[]) => values.reduce((highest, value) => Math.max(highest, value), 0);

/**
 * Writes the groups' lag as EMF, one document per dimension set (the catalogue's policy): the
 * broker-wide totals always (lag summed over every group, the oldest age, members summed), and for
 * each group of a monitored stream its own totals and one document per partition it committed on.
 * `metrics` carries the `Broker` dimension by default.
 */
export function publishLagMetrics(metrics: Metrics, lags: readonly GroupLag[], monitored: (kind: MonitoredKind, name: string) => boolean): void {
  const all = lags.flatMap((lag) => lag.partitions);
  metrics.addMetric(lagRecords.name, lagRecords.unit, sum(all.map((partition) => partition.records)));
  metrics.addMetric(lagAge.name, lagAge.unit, max(all.map((partition) => partition.ageMs)));
  metrics.addMetric(members.name, members.unit, sum(lags.map((lag) => lag.members)));
  metrics.publishStoredMetrics();

  for (const lag of lags.filter(({ stream }) => monitored('stream', stream))) {
    const group = { [MetricDimension.stream]: lag.stream, [MetricDimension.group]: lag.group };
    metrics.addDimensions(group);
    if (lag.partitions.length > 0) {
      metrics.addMetric(lagRecords.name, lagRecords.unit, sum(lag.partitions.map((partition) => partition.records)));
      metrics.addMetric(lagAge.name, lagAge.unit, max(lag.partitions.map((partition) => partition.ageMs)));
    }
    metrics.addMetric(members.name, members.unit, lag.members);
    metrics.publishStoredMetrics();
    for (const partition of lag.partitions) {
      metrics.addDimensions({ ...group, [MetricDimension.partition]: String(partition.partition) });
      metrics.addMetric(lagRecords.name, lagRecords.unit, partition.records);
      metrics.addMetric(lagAge.name, lagAge.unit, partition.ageMs);
      metrics.addMetric(committedOffset.name, committedOffset.unit, partition.committedOffset);
      metrics.publishStoredMetrics();
    }
  }
}
