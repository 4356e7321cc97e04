import { Duration, Lazy, Stack } from 'aws-cdk-lib';
import { CfnDashboard, Column, GraphWidget, type IMetric, type IWidget, MathExpression, type MetricOptions, Row, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { METRIC_NAMESPACE, MetricDimension, Metrics, type MetricDefinition } from '../../../functions/core/metrics/metric-catalogue.ts';
import type { Postroom } from '../../postroom.ts';
import { declaredResources } from '../metric-resources.ts';
import type { Saga } from '../saga/saga.ts';
import type { PostroomQueue } from '../topology/postroom-queue.ts';
import type { PostroomStream } from '../topology/postroom-stream.ts';
import { TopologyFunction } from '../topology/topology-function.ts';
import { postroomMetric } from './postroom-metric.ts';

export interface PostroomDashboardProps {
  /** The broker to show. */
  readonly broker: Postroom;
  /**
   * The dashboard's name: letters, digits, '-' and '_'.
   *
   * @default - a name CloudFormation generates
   */
  readonly dashboardName?: string;
  /**
   * The time range the dashboard opens with.
   *
   * @default Duration.hours(3)
   */
  readonly defaultInterval?: Duration;
}

/** Half and a third of the dashboard's 24 columns. */
const HALF = 12;
const THIRD = 8;
const HEIGHT = 6;

/**
 * A CloudWatch dashboard of one broker ($3 a month beyond an account's first 3): broker-wide rows
 * (API, functions, queues, exchanges, streams, sagas), then a row per queue, exchange, stream and
 * saga declared on the broker in CDK, wherever in the app. The rows are laid out at synthesis, so
 * resources declared after the dashboard are on it too. Per-resource graphs of Postroom's own
 * metrics show data for monitored resources, which every resource declared in CDK is.
 *
 * @example
 * const broker = new Postroom(this, 'Broker');
 * broker.addQueue('Billing', { queueName: 'billing' });
 * new PostroomDashboard(this, 'Dashboard', { broker });
 */
export class PostroomDashboard extends Construct {
  readonly dashboard: CfnDashboard;
  readonly #broker: Postroom;

  constructor(scope: Construct, id: string, props: PostroomDashboardProps) {
    super(scope, id);
    this.#broker = props.broker;
    const start = `-${(props.defaultInterval ?? Duration.hours(3)).toIsoString()}`;
    this.dashboard = new CfnDashboard(this, 'Resource', {
      dashboardName: props.dashboardName,
      dashboardBody: Lazy.string({
        produce: () => {
          const column = new Column(...this.#rows().map((widgets) => new Row(...widgets)));
          column.position(0, 0);
          return Stack.of(this).toJsonString({ start, widgets: column.toJson() });
        },
      }),
    });
  }

  /** The dashboard's rows, from what is declared at synthesis. */
  #rows(): IWidget[][] {
    const { queues, exchanges, streams, sagas } = declaredResources(this.#broker);
    return [
      ...this.#brokerRows(),
      ...queues.map((queue) => this.#queueRow(queue)),
      ...exchanges.map((exchange) => this.#exchangeRow(exchange.exchangeName)),
      ...streams.map((stream) => this.#streamRow(stream)),
      ...sagas.map((saga) => this.#sagaRow(saga)),
    ];
  }

  #brokerRows(): IWidget[][] {
    const { api, apiFunction, replyQueueSweeper, streamLagMonitor } = this.#broker;
    const topology = this.#broker.node.tryFindChild('Topology');
    const functions: [string, IFunction][] = [
      ['API', apiFunction.lambdaFunction],
      ['reply-queue sweeper', replyQueueSweeper.lambdaFunction],
      ['stream lag', streamLagMonitor.lambdaFunction],
      ...(topology instanceof TopologyFunction ? [['topology', topology.lambdaFunction] as [string, IFunction]] : []),
    ];
    const all = (definitions: readonly MetricDefinition[]) => definitions.map((definition) => this.#metric(definition));
    return [
      [new TextWidget({ markdown: `# Postroom broker \`${this.#broker.queueNamePrefix}\`\nBroker-wide totals; a row per resource declared in CDK below.`, width: 24, height: 2 })],
      [
        graph('API requests', [api.metricCount({ label: 'requests' }), api.metricClientError({ label: '4xx' }), api.metricServerError({ label: '5xx' })], THIRD),
        graph('API latency (ms)', [api.metricLatency({ statistic: 'p50', label: 'p50' }), api.metricLatency({ statistic: 'p99', label: 'p99' })], THIRD),
        graph(
          'Function errors and throttles',
          functions.flatMap(([name, fn]) => [fn.metricErrors({ label: `${name} errors` }), fn.metricThrottles({ label: `${name} throttles` })]),
          THIRD,
        ),
      ],
      [
        graph('Queue messages', all([Metrics.queuePublished, Metrics.queueDelivered, Metrics.queueAcked, Metrics.queueNacked, Metrics.queueDeadLettered, Metrics.queueRedriven]), HALF),
        graph('Queue wait and processing time (ms)', distributions((definition, options) => this.#metric(definition, {}, options), [Metrics.queueWait, Metrics.queueProcessingTime]), HALF),
      ],
      [
        graph('Exchange messages', all([Metrics.exchangePublished, Metrics.exchangeRoutedCopies, Metrics.exchangeUnroutable, Metrics.exchangeReturned]), THIRD),
        graph('Stream records produced', all([Metrics.streamRecordsProduced]), THIRD, all([Metrics.streamBytesProduced])),
        graph('Stream consumer groups', all([Metrics.streamGroupLagRecords, Metrics.streamGroupMembers, Metrics.streamGroupRebalances]), THIRD, all([Metrics.streamGroupLagAge])),
      ],
      [graph('Sagas started', all([Metrics.sagaStarted]), THIRD)],
    ];
  }

  #queueRow(queue: PostroomQueue): IWidget[] {
    const name = queue.queueName;
    const own = (definitions: readonly MetricDefinition[]) => definitions.map((definition) => this.#metric(definition, { Queue: name }));
    const ownDistributions = (definitions: readonly MetricDefinition[]) => distributions((definition, options) => this.#metric(definition, { Queue: name }, options), definitions);
    return [
      graph(`Queue ${name}: depth`, [queue.metricReady(), queue.metricInFlight(), queue.metricDelayed()], THIRD),
      graph(`Queue ${name}: dead letters and oldest message (s)`, [queue.metricDeadLetters()], THIRD, [queue.metricAgeOfOldestMessage()]),
      graph(`Queue ${name}: messages`, own([Metrics.queuePublished, Metrics.queueDelivered, Metrics.queueAcked, Metrics.queueNacked, Metrics.queueDeadLettered, Metrics.queueRedriven]), THIRD),
      graph(`Queue ${name}: wait and processing time (ms)`, ownDistributions([Metrics.queueWait, Metrics.queueProcessingTime]), THIRD),
      // What postroomSqsConsumer functions report (empty for a queue nobody consumes with it).
      graph(
        `Queue ${name}: consumer functions`,
        own([Metrics.queueConsumed, Metrics.queueConsumeFailures, Metrics.queueConsumeRedeliveries]),
        THIRD,
        ownDistributions([Metrics.queueConsumeLatency]),
      ),
    ];
  }

  #exchangeRow(name: string): IWidget[] {
    const own = (definitions: readonly MetricDefinition[]) => definitions.map((definition) => this.#metric(definition, { Exchange: name }));
    return [graph(`Exchange ${name}: messages`, own([Metrics.exchangePublished, Metrics.exchangeRoutedCopies, Metrics.exchangeUnroutable, Metrics.exchangeReturned]), HALF)];
  }

  #streamRow(stream: PostroomStream): IWidget[] {
    const name = stream.streamName;
    // A graph line per consumer group: groups come and go at run time, so they are searched for.
    // A label of '' leaves CloudWatch's own (the group); two searches in one graph name what they count.
    const perGroup = (definition: MetricDefinition, statistic: string, label = '') =>
      new MathExpression({
        expression: `SEARCH('{${METRIC_NAMESPACE},${MetricDimension.broker},${MetricDimension.group},${MetricDimension.stream}} MetricName="${definition.name}" ${MetricDimension.broker}="${this.#broker.queueNamePrefix}" ${MetricDimension.stream}="${name}"', '${statistic}', 60)`,
        usingMetrics: {},
        label,
      });
    return [
      graph(`Stream ${name}: produced`, [this.#metric(Metrics.streamRecordsProduced, { Stream: name })], THIRD, [this.#metric(Metrics.streamBytesProduced, { Stream: name })]),
      graph(`Stream ${name}: lag per group (records)`, [perGroup(Metrics.streamGroupLagRecords, 'Maximum')], THIRD),
      graph(`Stream ${name}: lag per group (ms)`, [perGroup(Metrics.streamGroupLagAge, 'Maximum')], THIRD),
      // What StreamConsumers (push delivery) report, per group.
      graph(`Stream ${name}: delivered per group (StreamConsumers)`, [perGroup(Metrics.streamRecordsDelivered, 'Sum')], THIRD),
      graph(
        `Stream ${name}: failed deliveries and dead letters per group`,
        [perGroup(Metrics.streamDeliveryFailures, 'Sum', "failed ${PROP('Dim.Group')}"), perGroup(Metrics.streamRecordsDeadLettered, 'Sum', "dead-lettered ${PROP('Dim.Group')}")],
        THIRD,
      ),
      graph(`Stream ${name}: delivery latency per group, p99 (ms)`, [perGroup(Metrics.streamDeliveryLatency, 'p99')], THIRD),
    ];
  }

  #sagaRow(saga: Saga): IWidget[] {
    const name = saga.sagaName;
    const { stateMachine } = saga;
    return [
      graph(
        `Saga ${name}: executions`,
        [
          this.#metric(Metrics.sagaStarted, { Saga: name }),
          saga.metricSucceeded({ label: 'completed or compensated', statistic: 'Sum' }),
          saga.metricFailed({ label: 'compensation failed', statistic: 'Sum' }),
          saga.metricTimedOut({ label: 'timed out', statistic: 'Sum' }),
        ],
        HALF,
      ),
      graph(`Saga ${name}: duration (ms)`, [stateMachine.metricTime({ statistic: 'p50', label: 'p50' }), stateMachine.metricTime({ statistic: 'p99', label: 'p99' })], HALF),
    ];
  }

  /** One of Postroom's own metrics of this broker (see postroomMetric). */
  #metric(definition: MetricDefinition, dimensions?: Parameters<typeof postroomMetric>[2], options?: MetricOptions): IMetric {
    return postroomMetric(definition, this.#broker.queueNamePrefix, dimensions, options);
  }
}

function graph(title: string, left: IMetric[], width: number, right: IMetric[] = []): GraphWidget {
  return new GraphWidget({ title, left, right, width, height: HEIGHT });
}

/** p50 and p99 of each distribution. */
function distributions(metric: (definition: MetricDefinition, options: MetricOptions) => IMetric, definitions: readonly MetricDefinition[]): IMetric[] {
  return definitions.flatMap((definition) => ['p50', 'p99'].map((statistic) => metric(definition, { statistic, label: `${definition.name} ${statistic}` })));
}
