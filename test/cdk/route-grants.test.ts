import { runSimulation } from '@cloud-copilot/iam-simulate';
import { App, Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AccountRootPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, type Operation } from '../../functions/api/route-table.ts';
import { SagaTarget } from '../../lib/constructs/saga/saga-target.ts';
import { RouteGrants } from '../../lib/constructs/route-grants.ts';
import { PostroomStack } from '../../lib/postroom-stack.ts';

const account = '123456789012';
const apiId = 'a1b2c3';

/** A resource ARN of a policy with the template's tokens put in, as they would be in the account. */
function render(value: any, apiLogicalId: string): string {
  if (typeof value === 'string') return value;
  if (value['Fn::Join']) return value['Fn::Join'][1].map((part: unknown) => render(part, apiLogicalId)).join(value['Fn::Join'][0]);
  const ref = value.Ref as string;
  const known: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': 'us-east-1', 'AWS::AccountId': account, [apiLogicalId]: apiId };
  if (known[ref] === undefined) throw new Error(`unexpected token ${JSON.stringify(value)}`);
  return known[ref];
}

/** Whether a role with these execute-api statements may call `arn`, by AWS's policy logic (iam-simulate). */
async function allows(statements: readonly unknown[], arn: string): Promise<boolean> {
  const result = await runSimulation(
    {
      request: { principal: `arn:aws:iam::${account}:role/caller`, action: 'execute-api:Invoke', resource: { resource: arn, accountId: account }, contextVariables: {} },
      identityPolicies: [{ name: 'grants', policy: { Version: '2012-10-17', Statement: statements } }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(`the simulator refused ${arn}: ${JSON.stringify(result.errors)}`);
  return result.overallResult === 'Allowed';
}

/** The execute-api ARN API Gateway authorizes a request with. */
function requestArn(routeKey: string, parameters: Record<string, string>): string {
  const [method, path] = routeKey.split(' ') as [string, string];
  return `arn:aws:execute-api:us-east-1:${account}:${apiId}/$default/${method}${path.replace(/\{(\w+)\}/g, (_, name: string) => parameters[name]!)}`;
}

describe('Grants on the HTTP API per queue, exchange, stream and saga', () => {
  const grants: Record<string, string[]> = {};

  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const broker = new PostroomStack(app, 'Grants', { queueNamePrefix: 'grants_' });
    const role = (id: string) => new Role(broker, id, { assumedBy: new AccountRootPrincipal() });
    const orders = broker.addQueue('Orders', { queueName: 'orders' });
    orders.grantPublish(role('QueuePublish'));
    orders.grantConsume(role('QueueConsume'));
    orders.grantManageDeadLetters(role('QueueDeadLetters'));
    broker.addExchange('Events', { exchangeName: 'orders', type: 'topic' }).grantPublish(role('ExchangePublish'));
    const stream = broker.addStream('Log', { streamName: 'orders', partitions: 3, retention: Duration.days(2) });
    stream.grantProduce(role('StreamProduce'));
    stream.grantConsume(role('StreamConsumeBilling'), { group: 'billing' });
    stream.grantConsume(role('StreamConsumeAny'));
    const saga = broker.addSaga('Trip', { sagaName: 'orders', steps: [{ name: 'book', action: SagaTarget.queue(broker.addQueue('Book', { queueName: 'trip.book' })) }] });
    saga.grantStart(role('SagaStart'));
    saga.grantRead(role('SagaRead'));

    const template = Template.fromStack(broker).toJSON() as { Resources: Record<string, any> };
    const apiLogicalId = Object.keys(template.Resources).find((id) => template.Resources[id].Type === 'AWS::ApiGatewayV2::Api')!;
    for (const policy of Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::IAM::Policy')) {
      for (const roleRef of policy.Properties.Roles as Array<{ Ref: string }>) {
        const statements = policy.Properties.PolicyDocument.Statement.filter((statement: any) => statement.Action === 'execute-api:Invoke');
        const resources = statements.flatMap((statement: any) => [statement.Resource].flat().map((resource: unknown) => render(resource, apiLogicalId)));
        const name = roleRef.Ref.replace(/[A-F0-9]{8}$/, '');
        grants[name] = [...(grants[name] ?? []), ...resources];
      }
    }
  });

  const names = ['orders', 'orders.eu', 'other'];
  // For each grant: the operations it opens and which parameter values it is scoped to.
  const cases: Array<[string, readonly Operation[], (parameters: Record<string, string>) => boolean]> = [
    ['QueuePublish', RouteGrants.queuePublish, (p) => p.name === 'orders'],
    ['QueueConsume', RouteGrants.queueConsume, (p) => p.name === 'orders'],
    ['QueueDeadLetters', RouteGrants.queueManageDeadLetters, (p) => p.name === 'orders'],
    ['ExchangePublish', RouteGrants.exchangePublish, (p) => p.name === 'orders'],
    ['StreamProduce', RouteGrants.streamProduce, (p) => p.name === 'orders'],
    ['StreamConsumeBilling', [...RouteGrants.streamRead, ...RouteGrants.streamConsumeGroup], (p) => p.name === 'orders' && (p.group === undefined || p.group === 'billing')],
    ['StreamConsumeAny', [...RouteGrants.streamRead, ...RouteGrants.streamConsumeGroup], (p) => p.name === 'orders'],
    ['SagaStart', RouteGrants.sagaStart, (p) => p.name === 'orders'],
    ['SagaRead', RouteGrants.sagaRead, (p) => p.name === 'orders'],
  ];

  it.each(cases)('%s allows exactly its routes on its resource, and nothing else', async (grant, operations, scoped) => {
    const patterns = grants[grant]!;
    expect(patterns.length).toBeGreaterThan(0);
    const statements = [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: patterns }];
    const wrong: string[] = [];
    for (const route of apiRoutes.filter((candidate) => candidate.routeKey !== '$default')) {
      for (const name of names) {
        for (const group of ['billing', 'audit']) {
          const parameters = { name, group, partition: '0', member: 'm-1', executionId: 'e-1' };
          const usesGroup = route.routeKey.includes('{group}');
          const allowed = await allows(statements, requestArn(route.routeKey, parameters));
          const expected = operations.includes(route.operation) && scoped({ name, ...(usesGroup && { group }) });
          if (allowed !== expected) wrong.push(`${route.routeKey} name=${name} group=${group}: ${allowed ? 'allowed' : 'refused'}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses to scope a grant to a name with an IAM wildcard', () => {
    const broker = new PostroomStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Wild', { queueNamePrefix: 'wild_' });
    const stream = broker.addStream('Log', { streamName: 'log', partitions: 1 });
    expect(() => stream.grantConsume(new Role(broker, 'R', { assumedBy: new AccountRootPrincipal() }), { group: 'a*' })).toThrow(/cannot name group "a\*"/);
  });
});
