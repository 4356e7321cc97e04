import { randomBytes } from 'node:crypto';
import { DynamoDBClient, ListTablesCommand, ResourceNotFoundException, ScanCommand } from '@aws-sdk/client-dynamodb';
import { paginateListQueues, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clientConfig, startLocalRuntime, startMotoServer, type LocalRuntime, type RunningEmulator } from '../../local/index.ts';

// A split like the LocalStack profile's, with two motos: DynamoDB and its streams on a moto of this
// file's own, everything else on the shared one. Each call must land where its variable says, from
// the runtime (provisioning) and from the functions it runs (the API's own SDK clients).
const region = 'us-east-1';
const shared = inject('awsEndpoint');
let dynamodbMoto: RunningEmulator;
let runtime: LocalRuntime;

beforeAll(async () => {
  dynamodbMoto = await startMotoServer();
  runtime = await startLocalRuntime({
    assemblyDir: inject('assemblyDir'),
    endpoint: shared,
    serviceEndpoints: { AWS_ENDPOINT_URL_DYNAMODB: dynamodbMoto.endpoint, AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamodbMoto.endpoint },
    port: 0,
    log: () => {},
    functionOutput: () => {},
  });
});

afterAll(async () => {
  await runtime?.stop();
  await dynamodbMoto?.stop();
});

const tables = () => runtime.stacks.flatMap((stack) => [...stack.resources.values()].filter((resource) => resource.type === 'AWS::DynamoDB::Table').map((resource) => resource.physicalId));

/** The queues on `endpoint` whose names contain `fragment` (the emulator is shared: other files add over 1,000 queues). */
async function queueUrls(endpoint: string, fragment = ''): Promise<string[]> {
  const sqs = new SQSClient(clientConfig({ endpoint, region }));
  const QueueUrls = [];
  for await (const page of paginateListQueues({ client: sqs }, { MaxResults: 1000 })) QueueUrls.push(...(page.QueueUrls ?? []).filter((url) => url.includes(fragment)));
  sqs.destroy();
  return QueueUrls;
}

/** The tables of the stack on `endpoint` that hold an item mentioning `text`. */
async function tablesMentioning(endpoint: string, text: string): Promise<string[]> {
  const dynamodb = new DynamoDBClient(clientConfig({ endpoint, region }));
  const found: string[] = [];
  for (const table of tables()) {
    try {
      const { Items = [] } = await dynamodb.send(new ScanCommand({ TableName: table }));
      if (Items.some((item) => JSON.stringify(item).includes(text))) found.push(table);
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
  dynamodb.destroy();
  return found;
}

describe('service-specific endpoints (AWS_ENDPOINT_URL_<SERVICE>)', () => {
  it("provisions the tables on DynamoDB's endpoint and the queues on the general one", async () => {
    expect(tables().length).toBeGreaterThan(0);
    const dynamodb = new DynamoDBClient(clientConfig({ endpoint: dynamodbMoto.endpoint, region }));
    const { TableNames = [] } = await dynamodb.send(new ListTablesCommand({}));
    dynamodb.destroy();
    expect(TableNames).toEqual(expect.arrayContaining(tables()));
    expect(await queueUrls(dynamodbMoto.endpoint)).toEqual([]);
  });

  it("sends the functions' DynamoDB calls to DynamoDB's endpoint and their SQS calls to the general one", async () => {
    const name = `split-${randomBytes(4).toString('hex')}`;
    const declared = await fetch(`${runtime.url}/v1/queues/${name}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(declared.status).toBe(201);

    expect(await queueUrls(shared, name)).not.toEqual([]);
    expect(await queueUrls(dynamodbMoto.endpoint)).toEqual([]);
    expect(await tablesMentioning(dynamodbMoto.endpoint, name)).not.toEqual([]);
    expect(await tablesMentioning(shared, name)).toEqual([]);
  });
});
