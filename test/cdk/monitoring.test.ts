import { App, type CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { METRIC_RESOURCES_ENV, Metrics, readMetricResourcePolicy } from '../../functions/core/metrics/metric-catalogue.ts';
import { SqsQueueNaming } from '../../functions/core/sqs-queue-names.ts';
import { PostroomDashboard } from '../../lib/constructs/monitoring/postroom-dashboard.ts';
import { postroomMetric } from '../../lib/constructs/monitoring/postroom-metric.ts';
import { SagaTarget } from '../../lib/constructs/saga/saga-target.ts';
import type { Saga } from '../../lib/constructs/saga/saga.ts';
import type { PostroomQueue } from '../../lib/constructs/topology/postroom-queue.ts';
import type { PostroomStream } from '../../lib/constructs/topology/postroom-stream.ts';
import { PostroomStack, type PostroomStackProps } from '../../lib/postroom-stack.ts';

type Resource = { Type: string; Properties: Record<string, any> };

/** These tests are about the template, not the assets. */
const unbundledStack = (props: PostroomStackProps = {}) => new PostroomStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Shop', { queueNamePrefix: 'shop_', ...props });

const logicalId = (construct: IConstruct) => Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

const nagViolations = (scope: IConstruct) =>
  new AwsSolutionsChecks().validateScope(scope).violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);

const alarms = (template: Template) => Object.values(template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>).map((alarm) => alarm.Properties);

const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:on-call';

/** The dashboard's body, each CloudFormation token in it written as `<Ref>` or `<LogicalId.Attr>`. */
function dashboardBody(template: Template): any {
  const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as any[];
  const body = dashboard.Properties.DashboardBody;
  const parts: unknown[] = typeof body === 'string' ? [body] : body['Fn::Join'][1];
  return JSON.parse(parts.map((part: any) => (typeof part === 'string' ? part : part.Ref ? `<${part.Ref}>` : `<${part['Fn::GetAtt'].join('.')}>`)).join(''));
}

describe('default alarms', () => {
  let stack: PostroomStack;
  let template: Template;
  let billing: PostroomQueue;

  beforeAll(() => {
    stack = unbundledStack({ alarmTopicArn: TOPIC_ARN });
    billing = stack.addQueue('Billing', { queueName: 'billing', maxPriority: 2 });
    template = Template.fromStack(stack);
  });

  it('alarms on any dead letter of each declared queue, each minute', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: [
        Match.objectLike({
          MetricStat: {
            Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: new SqsQueueNaming('shop_').namesFor('billing').deadLetterQueue }] },
            Period: 60,
            Stat: 'Maximum',
          },
        }),
      ],
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmDescription: Match.stringLikeRegexp('GET /v1/queues/billing/dead-letters'),
    });
    expect(logicalId(billing.node.findChild('DeadLettersAlarm'))).toMatch(/^BillingDeadLettersAlarm/);
  });

  it('alarms when 1 % of API requests are answered with a 5xx over 5 minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 0.01,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'errors / requests', ReturnData: true }),
        Match.objectLike({ Id: 'errors', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: '5xx', Namespace: 'AWS/ApiGateway' }), Period: 300, Stat: 'Sum' }) }),
        Match.objectLike({ Id: 'requests', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'Count', Namespace: 'AWS/ApiGateway' }), Period: 300, Stat: 'Sum' }) }),
      ]),
    });
  });

  it('alarms on any error and any throttle of each of the broker’s functions within 5 minutes', () => {
    const functions = [stack.apiFunction.lambdaFunction, stack.replyQueueSweeper.lambdaFunction, stack.streamLagMonitor.lambdaFunction, stack.topologyFunction].map((fn) => logicalId(fn));
    for (const metricName of ['Errors', 'Throttles']) {
      const watched = alarms(template)
        .filter((alarm) => alarm.MetricName === metricName && alarm.Namespace === 'AWS/Lambda')
        .map((alarm) => {
          expect(alarm).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
          return alarm.Dimensions[0].Value.Ref;
        });
      expect(watched.sort()).toEqual([...functions].sort());
    }
  });

  it('tells the topic of alarmTopicArn when an alarm fires and when it recovers', () => {
    const all = alarms(template);
    // No saga here, so every alarm is a default one: the queue's dead letters, the API's 5xx share, 4 functions' errors and throttles.
    expect(all.length).toBe(1 + 1 + 4 * 2);
    for (const alarm of all) expect(alarm).toMatchObject({ AlarmActions: [TOPIC_ARN], OKActions: [TOPIC_ARN] });
  });

  it('tell the topic of a saga’s compensation failures too', () => {
    const shop = unbundledStack({ alarmTopicArn: TOPIC_ARN });
    const hotels = shop.addQueue('Hotels', { queueName: 'trip.hotel' });
    const saga = shop.addSaga('Trip', { sagaName: 'trip', steps: [{ name: 'hotel', action: SagaTarget.queue(hotels), timeout: Duration.seconds(30) }] });

    const alarm = Template.fromStack(shop).toJSON().Resources[logicalId(saga.compensationFailedAlarm)].Properties;
    expect(alarm).toMatchObject({ AlarmActions: [TOPIC_ARN], OKActions: [TOPIC_ARN] });
  });

  it('are left out with alarms: false', () => {
    const quiet = unbundledStack({ alarms: false });
    quiet.addQueue('Billing', { queueName: 'billing' });
    Template.fromStack(quiet).resourceCountIs('AWS::CloudWatch::Alarm', 0);
  });
});

describe('alarm helpers', () => {
  let stack: PostroomStack;
  let orders: PostroomStream;
  let billing: PostroomQueue;
  let saga: Saga;

  // A stack per test: a synthesized one takes no more constructs.
  beforeEach(() => {
    stack = unbundledStack({ alarms: false });
    billing = stack.addQueue('Billing', { queueName: 'billing', maxPriority: 1 });
    orders = stack.addStream('Orders', { streamName: 'orders', partitions: 4 });
    const hotels = stack.addQueue('Hotels', { queueName: 'trip.hotel' });
    saga = stack.addSaga('Trip', { sagaName: 'trip', steps: [{ name: 'hotel', action: SagaTarget.queue(hotels), timeout: Duration.seconds(30) }] });
  });

  it('queue.alarmOldestMessage fires at the age, the oldest over every priority level', () => {
    const topic = new Topic(stack, 'OnCall', { enforceSSL: true });
    const alarm = billing.alarmOldestMessage(Duration.minutes(10), { topic, alarmName: 'billing-stuck' });

    expect(alarm.node.id).toBe('OldestMessageAlarm600');
    const naming = new SqsQueueNaming('shop_').namesFor('billing');
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'billing-stuck',
      Threshold: 600,
      AlarmActions: [{ Ref: logicalId(topic) }],
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'MAX([level0, level1])' }),
        Match.objectLike({ Id: 'level0', MetricStat: Match.objectLike({ Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [{ Name: 'QueueName', Value: naming.queue }] }, Stat: 'Maximum' }) }),
      ]),
    });
  });

  it.each([
    [{ records: 1000 }, 'StreamGroupLagRecords', 1000, 'LagAlarm-billing-1000Records'],
    [{ age: Duration.minutes(5) }, 'StreamGroupLagAge', 300_000, 'LagAlarm-billing-300s'],
  ])('stream.alarmLag(group, %j) watches the group’s own lag metric, behind at every measurement for 5 minutes', (threshold, metricName, limit, id) => {
    const alarm = orders.alarmLag('billing', threshold);

    expect(alarm.node.id).toBe(id);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: [
        Match.objectLike({
          MetricStat: {
            Metric: {
              Namespace: 'Postroom',
              MetricName: metricName,
              Dimensions: [
                { Name: 'Broker', Value: 'shop_' },
                { Name: 'Group', Value: 'billing' },
                { Name: 'Stream', Value: 'orders' },
              ],
            },
            Period: 300,
            Stat: 'Minimum',
          },
        }),
      ],
      Threshold: limit,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it('saga.alarmCompensationFailed is the saga’s own alarm, telling the topic', () => {
    const topic = new Topic(stack, 'SagaCall', { enforceSSL: true });

    expect(saga.alarmCompensationFailed({ topic })).toBe(saga.compensationFailedAlarm);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('saga "trip"'),
      AlarmActions: [{ Ref: logicalId(topic) }],
      OKActions: [{ Ref: logicalId(topic) }],
    });
  });
});

describe('PostroomDashboard', () => {
  let stack: PostroomStack;
  let body: any;
  let titles: string[];

  beforeAll(() => {
    stack = unbundledStack();
    stack.addQueue('Billing', { queueName: 'billing' });
    new PostroomDashboard(stack, 'Dashboard', { broker: stack.broker });
    // Declared after the dashboard, and in another scope: on it all the same.
    stack.addExchange('Orders', { exchangeName: 'orders', type: 'topic' });
    stack.addStream('Events', { streamName: 'events', partitions: 2 });
    const hotels = stack.addQueue('Hotels', { queueName: 'trip.hotel' });
    stack.addSaga('Trip', { sagaName: 'trip', steps: [{ name: 'hotel', action: SagaTarget.queue(hotels), timeout: Duration.seconds(30) }] });
    body = dashboardBody(Template.fromStack(stack));
    titles = body.widgets.flatMap((widget: any) => (widget.properties.title ? [widget.properties.title] : []));
  });

  it('has the broker-wide rows, then a row per declared queue, exchange, stream and saga', () => {
    expect(body.start).toBe('-PT3H');
    expect(titles).toEqual(
      expect.arrayContaining([
        'API requests',
        'Function errors and throttles',
        'Queue messages',
        'Queue wait and processing time (ms)',
        'Exchange messages',
        'Stream consumer groups',
        'Sagas started',
        'Queue billing: depth',
        'Queue billing: dead letters and oldest message (s)',
        'Queue trip.hotel: depth',
        'Queue trip.compensation-failed: depth',
        'Exchange orders: messages',
        'Stream events: lag per group (records)',
        'Stream events: delivered per group (StreamConsumers)',
        'Stream events: failed deliveries and dead letters per group',
        'Stream events: delivery latency per group, p99 (ms)',
        'Queue billing: consumer functions',
        'Saga trip: executions',
      ]),
    );
  });

  it('graphs Postroom’s own metrics broker-wide and per resource, with the catalogue’s dimensions', () => {
    const metricsOf = (title: string) => body.widgets.find((widget: any) => widget.properties.title === title).properties.metrics;

    expect(metricsOf('Queue messages')[0]).toEqual(['Postroom', 'QueuePublished', 'Broker', 'shop_', expect.objectContaining({ stat: 'Sum' })]);
    expect(metricsOf('Queue billing: messages')[0]).toEqual(['Postroom', 'QueuePublished', 'Broker', 'shop_', 'Queue', 'billing', expect.objectContaining({ stat: 'Sum' })]);
    expect(metricsOf('Queue billing: wait and processing time (ms)').map((metric: any[]) => [metric[1], metric.at(-1).stat])).toEqual([
      ['QueueWait', 'p50'],
      ['QueueWait', 'p99'],
      ['QueueProcessingTime', 'p50'],
      ['QueueProcessingTime', 'p99'],
    ]);
    expect(metricsOf('Stream events: lag per group (records)')).toEqual([
      [expect.objectContaining({ expression: `SEARCH('{Postroom,Broker,Group,Stream} MetricName="StreamGroupLagRecords" Broker="shop_" Stream="events"', 'Maximum', 60)` })],
    ]);
    // What the functions report: StreamConsumers per group, postroomSqsConsumer per queue.
    expect(metricsOf('Stream events: failed deliveries and dead letters per group')).toEqual([
      [expect.objectContaining({ expression: `SEARCH('{Postroom,Broker,Group,Stream} MetricName="StreamDeliveryFailures" Broker="shop_" Stream="events"', 'Sum', 60)`, label: "failed ${PROP('Dim.Group')}" })],
      [expect.objectContaining({ expression: `SEARCH('{Postroom,Broker,Group,Stream} MetricName="StreamRecordsDeadLettered" Broker="shop_" Stream="events"', 'Sum', 60)`, label: "dead-lettered ${PROP('Dim.Group')}" })],
    ]);
    expect(metricsOf('Queue billing: consumer functions').map((metric: any[]) => [metric[1], metric.at(-1).stat])).toEqual([
      ['QueueConsumed', 'Sum'],
      ['QueueConsumeFailures', 'Sum'],
      ['QueueConsumeRedeliveries', 'Sum'],
      ['QueueConsumeLatency', 'p50'],
      ['QueueConsumeLatency', 'p99'],
    ]);
  });

  it('passes the AwsSolutions checks', () => {
    expect(nagViolations(stack)).toEqual([]);
  });
});

describe('postroomMetric', () => {
  it('refuses a dimension set the catalogue does not give the metric, since nothing would ever be emitted for it', () => {
    expect(() => postroomMetric(Metrics.queuePublished, 'shop_', { Stream: 'orders' })).toThrow('QueuePublished has no dimension set Broker, Stream');
    expect(() => postroomMetric(Metrics.streamGroupCommittedOffset, 'shop_', { Stream: 'orders', Group: 'billing' })).toThrow(/no dimension set/);
    expect(postroomMetric(Metrics.streamGroupCommittedOffset, 'shop_', { Stream: 'orders', Group: 'billing', Partition: '0' }).dimensions).toEqual({ Broker: 'shop_', Stream: 'orders', Group: 'billing', Partition: '0' });
  });
});

describe('stream lag function', () => {
  it('runs once a minute by default, and as often as streamLagInterval says', () => {
    for (const [props, expression] of [
      [{}, 'rate(1 minute)'],
      [{ streamLagInterval: Duration.minutes(5) }, 'rate(5 minutes)'],
    ] as const) {
      const stack = unbundledStack(props);
      Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: expression,
        State: 'ENABLED',
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(stack.streamLagMonitor.lambdaFunction), 'Arn'] } })],
      });
    }
  });

  it('knows the monitored resources as the API function does, so that declared streams get their groups’ own metrics', () => {
    const stack = unbundledStack();
    stack.addStream('Orders', { streamName: 'orders', partitions: 2 });
    const functions = Template.fromStack(stack).toJSON().Resources;
    const variables = (fn: IConstruct) => functions[logicalId(fn)].Properties.Environment.Variables;

    expect(readMetricResourcePolicy(variables(stack.streamLagMonitor.lambdaFunction)[METRIC_RESOURCES_ENV])).toEqual({ stream: ['orders'] });
    expect(variables(stack.streamLagMonitor.lambdaFunction)[METRIC_RESOURCES_ENV]).toEqual(variables(stack.apiFunction.lambdaFunction)[METRIC_RESOURCES_ENV]);
  });

  it('refuses an interval that is not a whole number of minutes', () => {
    expect(() => unbundledStack({ streamLagInterval: Duration.seconds(30) })).toThrow(/minute/);
  });

  it('may only read the two tables (and send its traces)', () => {
    const stack = unbundledStack();
    const template = Template.fromStack(stack);
    const role = logicalId(stack.streamLagMonitor.node.findChild('Role'));
    const [policy] = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } })) as Resource[];
    const actions = policy!.Properties.PolicyDocument.Statement.flatMap((statement: any) => [statement.Action].flat());

    expect(actions.filter((action: string) => action.startsWith('dynamodb:')).every((action: string) => /^dynamodb:(BatchGetItem|GetRecords|GetShardIterator|Query|GetItem|Scan|ConditionCheckItem|DescribeTable)$/.test(action))).toBe(true);
    // Besides its logs, only X-Ray's (active tracing).
    expect(actions.filter((action: string) => !action.startsWith('dynamodb:') && !action.startsWith('logs:'))).toEqual(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
  });
});
