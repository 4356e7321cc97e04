import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { receiveResponse } from '../../local/resources/response-receiver.ts';
import { startLocalRuntime, synthesize, type LocalRuntime } from '../../local/index.ts';
import { PostroomStack } from '../../lib/postroom-stack.ts';
import { TOPOLOGY_RESOURCE_TYPE } from '../../lib/constructs/topology/topology-resource.ts';
import {
  customResourcesOf,
  deployCustomResources,
  type CustomResourceAnswer,
  type CustomResourceEvent,
  type DeployedResources,
} from '../support/cloudformation-lifecycle.ts';

// The fixture app (test/fixtures/topology-app.ts) declares its topology with the CDK constructs;
// the local runtime creates it through the topology function, and the HTTP API then uses it.
const endpoint = inject('awsEndpoint');
const stackName = `TopologyTest-${randomBytes(3).toString('hex')}`;
const assemblyDir = mkdtempSync(join(tmpdir(), 'topology-assembly-'));
const warnings: string[] = [];
let runtime: LocalRuntime;

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: response.status === 204 ? undefined : ((await response.json()) as any) };
}

/** Sends the topology function a CloudFormation event, as CloudFormation would, and returns its answer. */
async function sendToTopologyFunction(event: CustomResourceEvent): Promise<CustomResourceAnswer> {
  const fn = [...runtime.functions.values()].find((candidate) => candidate.definition.logicalId.startsWith('TopologyFunction'))!;
  const receiver = await receiveResponse('127.0.0.1');
  try {
    await fn.invoke({
      ...event,
      ResponseURL: receiver.url,
      StackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/test/1',
      RequestId: randomBytes(8).toString('hex'),
      ResourceType: TOPOLOGY_RESOURCE_TYPE,
    });
    return receiver.received() as CustomResourceAnswer;
  } finally {
    receiver.close();
  }
}

/** An event for one of the fixture app's resources, its template properties overridden by `properties`. */
async function changeTopology(requestType: CustomResourceEvent['RequestType'], logicalId: string, properties: Record<string, unknown>, physicalId?: string) {
  const original = [...runtime.stacks[0]!.resources.entries()].find(([id]) => id.startsWith(logicalId))?.[1].definition.Properties ?? {};
  const ResourceProperties = { ...(runtime.stacks[0]!.resolve(original) as object), ...properties };
  return sendToTopologyFunction({ RequestType: requestType, LogicalResourceId: logicalId, ResourceProperties, ...(physicalId && { PhysicalResourceId: physicalId }) });
}

beforeAll(async () => {
  await synthesize({ app: 'npx tsx test/fixtures/topology-app.ts', outDir: assemblyDir, context: { stackName } });
  runtime = await startLocalRuntime({ assemblyDir, endpoint, port: 0, stacks: [stackName], log: (line) => warnings.push(line) });
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(assemblyDir, { recursive: true, force: true });
});

describe('Static topology run by the local runtime', () => {
  it('declares the queues and exchanges with their settings', async () => {
    expect(warnings.filter((line) => !line.includes('AWS_IAM authorization'))).toEqual([]);
    expect((await api('GET', '/v1/queues/orders.eu')).body).toMatchObject({ name: 'orders.eu', maxDeliveries: 3, visibilityTimeoutSeconds: 10 });
    expect((await api('GET', '/v1/exchanges/orders')).body).toMatchObject({ name: 'orders', type: 'topic' });
    expect((await api('GET', '/v1/exchanges/audit')).body).toMatchObject({ name: 'audit', type: 'fanout' });
    expect((await api('GET', '/v1/streams/orders.log')).body).toMatchObject({ name: 'orders.log', partitions: 2, retentionHours: 48 });
  });

  it('shows the bindings over HTTP', async () => {
    const { status, body } = await api('GET', '/v1/exchanges/orders/bindings');
    expect(status).toBe(200);
    expect(JSON.stringify(body)).toContain('orders.eu.*');
    expect(JSON.stringify(body)).toContain('audit');
  });

  it('routes a message published to the exchange to the bound queues, through the exchange-to-exchange binding too', async () => {
    const published = await api('POST', '/v1/exchanges/orders/messages', { routingKey: 'orders.eu.created', body: 'order 1' });
    expect(published).toMatchObject({ status: 202, body: { results: [{ routedTo: 2 }] } });
    for (const queue of ['orders.eu', 'audit.log']) {
      const received = await api('POST', `/v1/queues/${queue}/receive`, { maxMessages: 10, waitSeconds: 2 });
      expect(received.status, queue).toBe(200);
      expect(JSON.stringify(received.body), queue).toContain('order 1');
    }
  });

  it('fails an update of an immutable setting with the reason the API gives for its 409, keeping the physical ID', async () => {
    const answer = await changeTopology('Update', 'EuOrders', { Body: JSON.stringify({ maxDeliveries: 4, visibilityTimeoutSeconds: 10 }) }, 'queue:orders.eu');
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'queue:orders.eu', Reason: expect.stringContaining('maxDeliveries') });
  });

  it('unbinds on Delete', async () => {
    const binding = { Kind: 'binding', Body: JSON.stringify({ exchange: 'orders', queue: 'orders.eu', bindingKey: 'orders.eu.*', arguments: {} }) };
    expect(await changeTopology('Delete', 'Unbind', binding, 'binding:any')).toMatchObject({ Status: 'SUCCESS' });
    expect(JSON.stringify((await api('GET', '/v1/exchanges/orders/bindings')).body)).not.toContain('orders.eu.*');
    // Already gone (with its queue, or by hand): a Delete must still succeed, or the stack is stuck.
    expect(await changeTopology('Delete', 'Unbind', binding, 'binding:any')).toMatchObject({ Status: 'SUCCESS' });
    expect(await changeTopology('Create', 'Rebind', binding)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: expect.stringMatching(/^binding:/) });
  });

  it('creates the same topology again on a restart (Create is idempotent)', async () => {
    await runtime.stop();
    runtime = await startLocalRuntime({ assemblyDir, endpoint, port: 0, stacks: [stackName], log: (line) => warnings.push(line) });
    expect((await api('GET', '/v1/exchanges/orders/bindings')).status).toBe(200);
  });
});

/**
 * A user's CDK app, edited between deployments: each version's template is deployed over the last
 * one with the events CloudFormation would send, to the real topology function.
 */
describe('Static topology across edits of the app (the CloudFormation lifecycle)', () => {
  type Version = {
    readonly secondQueueName: string;
    readonly bindings: ReadonlyArray<readonly ['first' | 'second', string]>;
    readonly streamPartitions?: number;
  };

  function templateOf(version: Version) {
    // No bundling: only the custom resources' properties are read.
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const broker = new PostroomStack(app, 'Lifecycle', { queueNamePrefix: 'life_' });
    const exchange = broker.addExchange('Events', { exchangeName: 'lifecycle', type: 'direct' });
    const queues = {
      first: broker.addQueue('First', { queueName: 'lifecycle.first' }),
      second: broker.addQueue('Second', { queueName: version.secondQueueName }),
    };
    for (const [queue, bindingKey] of version.bindings) exchange.addBinding(queues[queue], { bindingKey });
    if (version.streamPartitions) broker.addStream('Log', { streamName: 'lifecycle.log', partitions: version.streamPartitions });
    return customResourcesOf(Template.fromStack(broker).toJSON() as Parameters<typeof customResourcesOf>[0], TOPOLOGY_RESOURCE_TYPE);
  }

  async function boundKeys(): Promise<string[]> {
    const { body } = await api('GET', '/v1/exchanges/lifecycle/bindings');
    return (body.bindings as Array<{ queue: string; bindingKey: string }>).map((binding) => `${binding.queue}:${binding.bindingKey}`).sort();
  }

  it('ends every deployment with exactly the bindings, queues and streams the app declares', async () => {
    let deployed: DeployedResources = new Map();
    const deploy = async (version: Version) => {
      deployed = await deployCustomResources(deployed, templateOf(version), sendToTopologyFunction);
    };

    await deploy({ secondQueueName: 'lifecycle.second', bindings: [['first', 'a'], ['second', 'b']], streamPartitions: 2 });
    expect(await boundKeys()).toEqual(['lifecycle.first:a', 'lifecycle.second:b']);
    expect((await api('GET', '/v1/streams/lifecycle.log')).body).toMatchObject({ partitions: 2 });

    // Removing the first binding must leave the second alone.
    // Raising a stream's partitions adds partitions.
    await deploy({ secondQueueName: 'lifecycle.second', bindings: [['second', 'b']], streamPartitions: 3 });
    expect(await boundKeys()).toEqual(['lifecycle.second:b']);
    expect((await api('GET', '/v1/streams/lifecycle.log')).body).toMatchObject({ partitions: 3 });

    // Inserting one before it too; the stream left out of the app is deleted.
    await deploy({ secondQueueName: 'lifecycle.second', bindings: [['first', 'c'], ['second', 'b']] });
    expect(await boundKeys()).toEqual(['lifecycle.first:c', 'lifecycle.second:b']);
    expect((await api('GET', '/v1/streams/lifecycle.log')).status).toBe(404);

    // Renaming a queue replaces it and moves its binding: the old queue is deleted, the new one bound.
    await deploy({ secondQueueName: 'lifecycle.renamed', bindings: [['first', 'c'], ['second', 'b']] });
    expect(await boundKeys()).toEqual(['lifecycle.first:c', 'lifecycle.renamed:b']);
    expect((await api('GET', '/v1/queues/lifecycle.second')).status).toBe(404);
    expect((await api('GET', '/v1/queues/lifecycle.renamed')).status).toBe(200);
  });
});
