import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ApiEnvironment } from '../../functions/api/environment.ts';
import { METRIC_RESOURCES_ENV, readMetricResourcePolicy } from '../../functions/core/metrics/metric-catalogue.ts';
import { SagaTarget } from '../../lib/constructs/saga/saga-target.ts';
import { Postroom } from '../../lib/postroom.ts';

describe('metric resources', () => {
  it('names the declared resources and the configured patterns to the API function, also those declared after the broker', () => {
    const stack = new Stack(new App(), 'Metrics');
    const broker = new Postroom(stack, 'Broker', { metricResources: { queue: ['billing-*'], exchange: ['audit'] } });
    const steps = broker.addQueue('Steps', { queueName: 'steps' });
    broker.addExchange('Orders', { exchangeName: 'orders', type: 'topic' });
    broker.addStream('Clicks', { streamName: 'clicks', partitions: 2 });
    broker.addSaga('Saga', { sagaName: 'fulfil', steps: [{ name: 'one', action: SagaTarget.queue(steps) }] });

    const functions = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')) as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }[];
    const api = functions.map((fn) => fn.Properties.Environment?.Variables ?? {}).find((variables) => ApiEnvironment.queueNamePrefix in variables && METRIC_RESOURCES_ENV in variables);

    expect(readMetricResourcePolicy(api?.[METRIC_RESOURCES_ENV] as string)).toEqual({
      // The saga declares its notification queue too.
      queue: ['billing-*', 'fulfil.compensation-failed', 'steps'],
      exchange: ['audit', 'orders'],
      stream: ['clicks'],
      saga: ['fulfil'],
    });
  });
});
