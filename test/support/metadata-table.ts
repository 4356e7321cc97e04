import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

// replaced by the template-derived provisioner
/** Creates Postroom's metadata table (pk/sk strings, on demand) in the emulator the environment points at. */
export async function createMetadataTable(tableName: string): Promise<void> {
  const client = new DynamoDBClient({});
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } finally {
    client.destroy();
  }
}
