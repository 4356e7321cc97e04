import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { documents } from '../adapters/aws-clients.ts';
import { requiredVariable } from '../api/config.ts';
import { ApiEnvironment } from '../api/environment.ts';
import { createStreamServices } from '../api/stream-services.ts';
import { METRIC_NAMESPACE, METRIC_RESOURCES_ENV, MetricDimension, metricResourceMatcher, readMetricResourcePolicy } from '../core/metrics/metric-catalogue.ts';
import { measureGroupLags } from './group-lags.ts';
import { publishLagMetrics } from './lag-metrics.ts';

const logger = new Logger({ serviceName: 'postroom-stream-lag' });
const streams = createStreamServices(documents, {
  metadataTable: requiredVariable(process.env, ApiEnvironment.metadataTable),
  streamRecordsTable: requiredVariable(process.env, ApiEnvironment.streamRecordsTable),
});
const monitored = metricResourceMatcher(readMetricResourcePolicy(process.env[METRIC_RESOURCES_ENV]));
const metrics = new Metrics({ namespace: METRIC_NAMESPACE });
// Powertools' default `service` dimension would take every metric out of the catalogue's dimension sets.
metrics.clearDefaultDimensions();
metrics.setDefaultDimensions({ [MetricDimension.broker]: requiredVariable(process.env, ApiEnvironment.queueNamePrefix) });

export interface LagSummary {
  readonly groups: number;
  /** Group partitions with a committed offset. */
  readonly partitions: number;
}

/** Run on a schedule (StreamLagMonitor construct): measures every consumer group's lag and emits it as EMF. */
export const handler = async (): Promise<LagSummary> => {
  const lags = await measureGroupLags(streams, Date.now());
  publishLagMetrics(metrics, lags, monitored);
  const summary = { groups: lags.length, partitions: lags.reduce((count, lag) => count + lag.partitions.length, 0) };
  logger.debug('measured consumer group lag', { ...summary });
  return summary;
};
