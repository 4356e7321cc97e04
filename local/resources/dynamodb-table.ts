import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { physicalName } from '../template/physical-name.ts';
import type { ResourceContext, ResourceProvider } from './resource-provider.ts';

/** AWS::DynamoDB::Table: keys, billing, indexes, streams, SSE and TTL as the template declares them. */
export const dynamodbTable: ResourceProvider = {
  type: 'AWS::DynamoDB::Table',
  async provision(resource) {
    const tableName = (resource.property('TableName') as string | undefined) ?? physicalName(resource.stackName, resource.logicalId, { maxLength: 255 });
    const client = resource.aws.get(DynamoDBClient);
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName, resource)));
    } catch (error) {
      // An existing table (persistent endpoint, second start) is reused as it is.
      if ((error as Error).name !== 'ResourceInUseException') throw error;
    }
    await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1 }, { TableName: tableName });
    await enableTimeToLive(client, tableName, resource.property('TimeToLiveSpecification') as TimeToLive | undefined);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return { physicalId: tableName, attributes: { Arn: Table?.TableArn, StreamArn: Table?.LatestStreamArn } };
  },
};

interface TimeToLive {
  readonly AttributeName: string;
  readonly Enabled?: boolean;
}

type Throughput = { ReadCapacityUnits: number; WriteCapacityUnits: number } | undefined;

function createTableInput(tableName: string, resource: ResourceContext): CreateTableCommandInput {
  const property = <T>(name: string) => resource.property(name) as T;
  const billingMode = property<string | undefined>('BillingMode') ?? 'PROVISIONED'; // CloudFormation's default
  const stream = property<{ StreamViewType: string } | undefined>('StreamSpecification');
  const sse = property<{ SSEEnabled: boolean; SSEType?: string; KMSMasterKeyId?: string } | undefined>('SSESpecification');
  const indexes = (name: string) => property<Array<Record<string, unknown>> | undefined>(name);
  return {
    TableName: tableName,
    AttributeDefinitions: property('AttributeDefinitions'),
    KeySchema: property('KeySchema'),
    BillingMode: billingMode as CreateTableCommandInput['BillingMode'],
    ProvisionedThroughput: throughput(property('ProvisionedThroughput')),
    GlobalSecondaryIndexes: indexes('GlobalSecondaryIndexes')?.map((index) => ({
      IndexName: index.IndexName as string,
      KeySchema: index.KeySchema as never,
      Projection: index.Projection as never,
      ProvisionedThroughput: throughput(index.ProvisionedThroughput as Throughput),
      OnDemandThroughput: index.OnDemandThroughput as never,
    })),
    LocalSecondaryIndexes: indexes('LocalSecondaryIndexes')?.map((index) => ({
      IndexName: index.IndexName as string,
      KeySchema: index.KeySchema as never,
      Projection: index.Projection as never,
    })),
    StreamSpecification: stream ? { StreamEnabled: true, StreamViewType: stream.StreamViewType as never } : undefined,
    SSESpecification: sse ? { Enabled: sse.SSEEnabled, SSEType: sse.SSEType as never, KMSMasterKeyId: sse.KMSMasterKeyId } : undefined,
    TableClass: property('TableClass'),
    DeletionProtectionEnabled: property('DeletionProtectionEnabled'),
    Tags: property('Tags'),
  };
}

/** Template numbers may arrive as strings; the API wants numbers. */
function throughput(value: Throughput) {
  return value && { ReadCapacityUnits: Number(value.ReadCapacityUnits), WriteCapacityUnits: Number(value.WriteCapacityUnits) };
}

/** TTL is a separate call, and enabling it twice is an error: check first. */
async function enableTimeToLive(client: DynamoDBClient, tableName: string, timeToLive: TimeToLive | undefined): Promise<void> {
  if (!timeToLive?.Enabled) return;
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = current.TimeToLiveDescription?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: timeToLive.AttributeName, Enabled: true },
    }),
  );
}
