import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { receiveResponse } from '../../local/resources/response-receiver.ts';
import { startLocalRuntime, synthesize, type LocalRuntime } from '../../local/index.ts';

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
async function changeTopology(requestType: string, logicalId: string, properties: Record<string, unknown>, physicalId?: string) {
  const fn = [...runtime.functions.values()].find((candidate) => candidate.definition.logicalId.startsWith('TopologyFunction'))!;
  const receiver = await receiveResponse('127.0.0.1');
  try {
    const original = [...runtime.stacks[0]!.resources.entries()].find(([id]) => id.startsWith(logicalId))?.[1].definition.Properties ?? {};
    const ResourceProperties = { ...runtime.stacks[0]!.resolve(original) as object, ...properties };
    await fn.invoke({
      RequestType: requestType,
      ResponseURL: receiver.url,
      StackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/test/1',
      RequestId: randomBytes(8).toString('hex'),
      LogicalResourceId: logicalId,
      ResourceType: 'Custom::PostroomTopology',
      ...(physicalId && { PhysicalResourceId: physicalId }),
      ResourceProperties,
    });
    return receiver.received();
  } finally {
    receiver.close();
  }
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
    expect(await changeTopology('Create', 'Rebind', binding)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: expect.stringMatching(/^binding:/) });
  });

  it('creates the same topology again on a restart (Create is idempotent)', async () => {
    await runtime.stop();
    runtime = await startLocalRuntime({ assemblyDir, endpoint, port: 0, stacks: [stackName], log: (line) => warnings.push(line) });
    expect((await api('GET', '/v1/exchanges/orders/bindings')).status).toBe(200);
  });
});
