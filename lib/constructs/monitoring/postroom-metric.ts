import { Duration } from 'aws-cdk-lib';
import { Metric, type MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import { METRIC_NAMESPACE, MetricDimension, type MetricDefinition, type MetricDimensionName } from '../../../functions/core/metrics/metric-catalogue.ts';

/**
 * One of Postroom's own metrics (functions/core/metrics/metric-catalogue.ts) of the broker whose
 * queue-name prefix is `broker`: broker-wide without `dimensions`, else of the resource they name
 * (a dimension set the catalogue lists for it, which the functions emit for monitored resources).
 */
export function postroomMetric(
  definition: MetricDefinition,
  broker: string,
  dimensions: Partial<Record<Exclude<MetricDimensionName, 'Broker'>, string>> = {},
  options: MetricOptions = {},
): Metric {
  const names = [MetricDimension.broker, ...Object.keys(dimensions)];
  if (Object.keys(dimensions).length > 0 && !definition.resourceDimensions.some((set) => set.length === names.length && names.every((name) => set.includes(name as MetricDimensionName)))) {
    throw new Error(`${definition.name} has no dimension set ${names.join(', ')}`);
  }
  return new Metric({
    namespace: METRIC_NAMESPACE,
    metricName: definition.name,
    dimensionsMap: { [MetricDimension.broker]: broker, ...dimensions },
    statistic: definition.kind === 'counter' ? 'Sum' : definition.kind === 'gauge' ? 'Maximum' : 'p99',
    period: Duration.minutes(1),
    label: definition.name,
    ...options,
  });
}
