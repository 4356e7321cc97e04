import { MAX_OVERVIEW_PAGE, type OverviewCursor } from '../../../core/metrics/overview-page.ts';
import type { OperationHandler } from '../../http.ts';
import { brokerOverview, type OverviewPage } from './broker-overview.ts';
import { prometheusGauges } from './prometheus-gauges.ts';

/**
 * `GET /v1/metrics`: the whole overview (every page) as Prometheus gauges, in the text exposition
 * format. The local runtime appends the counters and histograms it aggregated from the functions'
 * EMF since `npm start` began.
 */
export const metrics: OperationHandler = async (_request, services) => {
  const now = services.now().getTime();
  const whole: OverviewPage = { queues: [], exchanges: [], streams: [] };
  let cursor: OverviewCursor | undefined;
  do {
    const page = await brokerOverview(services, { limit: MAX_OVERVIEW_PAGE, cursor }, now);
    whole.queues.push(...page.queues);
    whole.exchanges.push(...page.exchanges);
    whole.streams.push(...page.streams);
    cursor = page.next;
  } while (cursor !== undefined);
  const registry = prometheusGauges(whole);
  return { status: 200, text: await registry.metrics(), headers: { 'content-type': registry.contentType } };
};
