import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clientConfig, startLocalRuntime, synthesize, type LocalRuntime } from '../../local/index.ts';

// The fixture app (test/fixtures/stream-consumer-app.ts): a Postroom stack with a StreamConsumer,
// run by the local runtime against moto; records produced over HTTP reach the consumer function
// through the table's DynamoDB stream, the dispatcher and a local Lambda Invoke.
const endpoint = inject('awsEndpoint');
const aws = clientConfig({ endpoint, region: 'us-east-1' });
const stackName = `StreamConsumerTest-${randomBytes(3).toString('hex')}`;
const assemblyDir = mkdtempSync(join(tmpdir(), 'stream-consumer-assembly-'));
let runtime: LocalRuntime;

function physicalId(type: string, logicalIdPrefix: string): string {
  const found = [...runtime.stacks[0]!.resources].find(([logicalId, resource]) => resource.type === type && logicalId.startsWith(logicalIdPrefix));
  if (!found) throw new Error(`no ${type} ${logicalIdPrefix}* in the fixture stack`);
  return found[1].physicalId;
}

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${runtime.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return response.json() as Promise<any>;
}

/** What the consumer function got, in delivery order: `<partition>:<offset>:<value>`. */
async function deliveryLog(): Promise<string[]> {
  const dynamodb = new DynamoDBClient(aws);
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: physicalId('AWS::DynamoDB::Table', 'Deliveries'), Key: { pk: { S: 'log' } }, ConsistentRead: true }));
  dynamodb.destroy();
  return (Item?.log?.L ?? []).map((entry) => entry.S!);
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 40_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

beforeAll(async () => {
  await synthesize({ app: 'npx tsx test/fixtures/stream-consumer-app.ts', outDir: assemblyDir, context: { stackName } });
  runtime = await startLocalRuntime({ assemblyDir, endpoint, port: 0, stacks: [stackName], log: () => undefined });
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(assemblyDir, { recursive: true, force: true });
});

describe('a StreamConsumer run by the local runtime', () => {
  it('delivers in order per partition, commits, and dead-letters a poison record after maxAttempts', async () => {
    await api('PUT', '/v1/streams/orders', { partitions: 2 });
    await api('POST', '/v1/streams/orders/records', { records: [{ partition: 0, value: 'a0' }, { partition: 0, value: 'a1' }, { partition: 1, value: 'b0' }] });
    await api('POST', '/v1/streams/orders/records', { records: [{ partition: 0, value: 'poison' }, { partition: 0, value: 'a3' }, { partition: 1, value: 'b1' }] });
    await api('POST', '/v1/streams/orders/records', { records: [{ partition: 0, value: 'a4' }] });

    const log = await eventually(deliveryLog, (entries) => entries.includes('0:4:a4') && entries.includes('1:1:b1'));
    const ofPartition = (partition: number) => log.filter((entry) => entry.startsWith(`${partition}:`));
    // Segment [poison, a3] fails as a batch; poison then fails alone twice (maxAttempts) and is
    // dead-lettered; a3 comes again (at least once) and the partition moves on.
    expect(ofPartition(0)).toEqual(['0:0:a0', '0:1:a1', '0:2:poison', '0:3:a3', '0:2:poison', '0:2:poison', '0:3:a3', '0:4:a4']);
    expect(ofPartition(1)).toEqual(['1:0:b0', '1:1:b1']);

    const group = await eventually(
      () => api('GET', '/v1/streams/orders/groups/billing'),
      (body) => body.partitions?.every((partition: any) => partition.lag === 0),
    );
    expect(group.partitions.map((partition: any) => [partition.partition, partition.committedOffset])).toEqual([[0, 5], [1, 2]]);

    const sqs = new SQSClient(aws);
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: physicalId('AWS::SQS::Queue', 'BillingConsumerDeadLetters'), MaxNumberOfMessages: 10, WaitTimeSeconds: 5 }));
    sqs.destroy();
    expect(Messages.map((message) => JSON.parse(message.Body!))).toEqual([
      expect.objectContaining({ stream: 'orders', incarnation: expect.any(String), group: 'billing', partition: 0, records: [expect.objectContaining({ offset: 2, value: 'poison' })], attempts: 2 }),
    ]);

    // The dispatcher's EMF, aggregated by the local runtime as under npm start: six records processed
    // (a3 of the failed batch not among them), three failed deliveries (the batch, then poison alone
    // twice), one dead letter; a latency observed per processed record.
    const ofGroup = (text: string, name: string) => Number(new RegExp(`^${name}\\{broker="[^"]+",stream="orders",group="billing"\\} (\\S+)$`, 'm').exec(text)?.[1]);
    const metrics = await eventually(
      async () => {
        const text = await runtime.metrics.exposition();
        return {
          delivered: ofGroup(text, 'postroom_stream_records_delivered_total'),
          latencies: ofGroup(text, 'postroom_stream_delivery_latency_seconds_count'),
          failures: ofGroup(text, 'postroom_stream_delivery_failures_total'),
          deadLettered: ofGroup(text, 'postroom_stream_records_dead_lettered_total'),
        };
      },
      (figures) => figures.delivered === 6 && figures.deadLettered === 1,
    );
    expect(metrics).toEqual({ delivered: 6, latencies: 6, failures: 3, deadLettered: 1 });
  });
});
