import { App, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { SqsQueueNaming } from '../../functions/core/sqs-queue-names.ts';
import { PostroomQueue } from '../../lib/constructs/topology/postroom-queue.ts';
import { PostroomStack } from '../../lib/postroom-stack.ts';

describe('Constructs: PostroomQueue, PostroomExchange, PostroomBinding', () => {
  let stack: PostroomStack;
  let template: Template;

  beforeAll(() => {
    vi.stubEnv('CDK_DOCKER', '/bin/false');
    stack = new PostroomStack(new App(), 'Topology', { queueNamePrefix: 'topo_' });
    const orders = stack.addExchange('Orders', { exchangeName: 'orders', type: 'topic' });
    const eu = stack.addQueue('Eu', { queueName: 'orders.eu', maxDeliveries: 3, visibilityTimeout: Duration.minutes(1) });
    orders.addBinding(eu, { bindingKey: 'orders.eu.#' });
    stack.addQueue('All', { queueName: 'orders.all' }).bindTo(orders, { bindingKey: '#' });
    stack.addStream('Log', { streamName: 'orders.log', partitions: 6, retention: Duration.days(3) });
    template = Template.fromStack(stack);
  });

  it('declares each piece as a Custom::PostroomTopology with the HTTP API body as JSON', () => {
    const resources = template.findResources('Custom::PostroomTopology');
    expect(Object.keys(resources)).toHaveLength(6);
    template.hasResourceProperties('Custom::PostroomTopology', { Kind: 'stream', Name: 'orders.log', Body: '{"partitions":6,"retentionHours":72}' });
    template.hasResourceProperties('Custom::PostroomTopology', { Kind: 'queue', Name: 'orders.eu', Body: '{"maxDeliveries":3,"visibilityTimeoutSeconds":60}' });
    template.hasResourceProperties('Custom::PostroomTopology', { Kind: 'exchange', Name: 'orders', Body: '{"type":"topic"}' });
    template.hasResourceProperties('Custom::PostroomTopology', {
      Kind: 'binding',
      Body: '{"exchange":"orders","queue":"orders.eu","bindingKey":"orders.eu.#","arguments":{}}',
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TopologyFunction'), 'Arn'] },
    });
  });

  it('creates bindings after their exchange and queue', () => {
    const resources = template.findResources('Custom::PostroomTopology');
    const idOf = (kind: string, name: string) => Object.entries(resources).find(([, r]: any) => r.Properties.Kind === kind && (r.Properties.Name === name || r.Properties.Body.includes(`"queue":"${name}"`)))![0];
    const binding = resources[idOf('binding', 'orders.eu')] as any;
    expect(binding.DependsOn).toEqual(expect.arrayContaining([idOf('exchange', 'orders'), idOf('queue', 'orders.eu')]));
  });

  it('gives the topology function only administration rights: no message traffic, no idempotency keys', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^TopologyRole') }] } }));
    const actions = policies.flatMap((policy: any) => policy.Properties.PolicyDocument.Statement).flatMap((statement: any) => [statement.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['sqs:CreateQueue', 'sqs:DeleteQueue', 'sns:Subscribe', 'sns:Unsubscribe']));
    expect(actions).not.toContain('sqs:SendMessage');
    expect(actions).not.toContain('sqs:ReceiveMessage');
    const resources = JSON.stringify(policies);
    expect(resources).not.toMatch(/IdempotencyTable/);
  });

  it('derives a binding\'s logical id from what it binds, so removing another binding leaves it alone', () => {
    const bindingIds = (keys: string[]) => {
      const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
      const broker = new PostroomStack(app, 'Ids', { queueNamePrefix: 'ids_' });
      const exchange = broker.addExchange('Orders', { exchangeName: 'orders', type: 'direct' });
      const queue = broker.addQueue('Eu', { queueName: 'orders.eu' });
      const ids = keys.map((bindingKey) => exchange.addBinding(queue, { bindingKey }).node.id);
      return Object.fromEntries(keys.map((key, index) => [key, ids[index]]));
    };
    const before = bindingIds(['a', 'b']);
    expect(bindingIds(['b'])).toEqual({ b: before.b });
    expect(bindingIds(['c', 'b', 'a'])).toMatchObject(before);
  });

  it('refuses a binding declared twice, naming both declarations', () => {
    const broker = new PostroomStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Twice', { queueNamePrefix: 'twice_' });
    const exchange = broker.addExchange('Orders', { exchangeName: 'orders', type: 'headers' });
    const queue = broker.addQueue('Eu', { queueName: 'orders.eu' });
    exchange.addBinding(queue, { arguments: { 'x-match': 'all', region: 'eu', kind: 'order' } });
    // The same binding from the queue's side, its arguments in another order.
    expect(() => queue.bindTo(exchange, { arguments: { kind: 'order', region: 'eu', 'x-match': 'all' } })).toThrow(
      /^duplicate binding: Twice\/Default\/Eu\/Binding\w+ binds queue "orders.eu" to exchange "orders" .* already bound by Twice\/Default\/Orders\/Binding\w+/,
    );
  });

  it('takes durations for time settings and refuses fractions of the API\'s units', () => {
    const broker = new PostroomStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Durations', { queueNamePrefix: 'dur_' });
    broker.addQueue('Q', { queueName: 'q', visibilityTimeout: Duration.minutes(2), retentionPeriod: Duration.days(1), deliveryDelay: Duration.seconds(5), messageTtl: Duration.seconds(90) });
    Template.fromStack(broker).hasResourceProperties('Custom::PostroomTopology', {
      Kind: 'queue',
      Body: '{"visibilityTimeoutSeconds":120,"retentionSeconds":86400,"delaySeconds":5,"messageTtlMs":90000}',
    });
    expect(() => broker.addQueue('R', { queueName: 'r', visibilityTimeout: Duration.millis(1500) })).toThrow(/whole number of seconds/);
  });

  it('measures a queue with SQS\'s own metrics of its queues: summed over priority levels, its dead letters apart', () => {
    const broker = new PostroomStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Metrics', { queueNamePrefix: 'm_' });
    const plain = broker.addQueue('Plain', { queueName: 'plain' });
    const ranked = broker.addQueue('Ranked', { queueName: 'ranked', maxPriority: 2 });
    const fifo = PostroomQueue.fromQueueAttributes(broker, 'Fifo', broker, { queueName: 'ordered', fifo: true });
    const names = new SqsQueueNaming('m_');

    const ready = broker.resolve((plain.metricReady() as Metric).toMetricConfig().metricStat);
    expect(ready).toMatchObject({ namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: [{ name: 'QueueName', value: names.namesFor('plain').queue }] });
    const deadLetters = broker.resolve((plain.metricDeadLetters() as Metric).toMetricConfig().metricStat);
    expect(deadLetters.dimensions).toEqual([{ name: 'QueueName', value: names.namesFor('plain').deadLetterQueue }]);
    expect(broker.resolve((fifo.metricInFlight() as Metric).toMetricConfig().metricStat).dimensions).toEqual([{ name: 'QueueName', value: `${names.namesFor('ordered').queue}.fifo` }]);

    const levels = (ranked.metricReady() as MathExpression).toMetricConfig().mathExpression!;
    expect(levels.expression).toBe('SUM([level0, level1, level2])');
    const queues = Object.values(levels.usingMetrics).map((metric) => (metric as Metric).dimensions!.QueueName);
    expect(queues).toEqual([names.namesFor('ranked').queue, `${names.namesFor('ranked').queue}-p1`, `${names.namesFor('ranked').queue}-p2`]);
    expect((ranked.metricAgeOfOldestMessage() as MathExpression).toMetricConfig().mathExpression!.expression).toBe('MAX([level0, level1, level2])');
  });

  it('passes cdk-nag', () => {
    const violations = new AwsSolutionsChecks().validateScope(stack.broker.node.findChild('Topology')).violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(violations).toEqual([]);
  });

  it('rejects bad names and settings at synth time, naming the value', () => {
    const bad = new PostroomStack(new App(), 'Bad', { queueNamePrefix: 'bad_' });
    expect(() => bad.addQueue('A', { queueName: 'a b' })).toThrow(/^invalid queue name: .*got "a b"/);
    expect(() => bad.addQueue('B', { queueName: 'b', maxDeliveries: 0 })).toThrow(/^invalid queue "b": maxDeliveries /);
    expect(() => bad.addQueue('C', { queueName: 'c', deadLetterRoutingKey: 'x' })).toThrow(/deadLetterRoutingKey needs a deadLetterExchange/);
    expect(() => bad.addExchange('D', { exchangeName: 'amq.topic', type: 'topic' })).toThrow(/^invalid exchange name: .*amq/);
    expect(() => bad.addStream('S1', { streamName: '..', partitions: 1 })).toThrow(/^invalid stream name: .*got "\.\."/);
    expect(() => bad.addStream('S2', { streamName: 'f', partitions: 0 })).toThrow(/^invalid stream "f": partitions /);
    expect(() => bad.addStream('S3', { streamName: 'g', partitions: 1, retention: Duration.minutes(90) })).toThrow(/whole number of hours/);
    expect(() => bad.addExchange('E', { exchangeName: 'e', type: 'nope' as 'topic' })).toThrow(/^invalid exchange "e": type /);
  });

  it('adds no topology function to a stack without static topology', () => {
    const plain = new PostroomStack(new App(), 'Plain', { queueNamePrefix: 'plain_' });
    Template.fromStack(plain).resourceCountIs('Custom::PostroomTopology', 0);
    expect(plain.node.tryFindChild('Topology')).toBeUndefined();
  });
});
