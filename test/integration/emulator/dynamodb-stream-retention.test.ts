import { setTimeout as sleep } from 'node:timers/promises';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../../../local/index.ts';
import { startMotoServer, type RunningEmulator } from '../../../local/emulator/moto-server.ts';

// emulator/dynamodb_stream_retention.py: stream records kept 24 hours and iterators valid 15 minutes
// on AWS, here shortened for the test (a moto of its own) to 1 s and 3 s.
const region = 'us-east-1';
let moto: RunningEmulator;
let dynamodb: DynamoDBClient;
let streams: DynamoDBStreamsClient;
let streamArn: string;
let shardId: string;

beforeAll(async () => {
  moto = await startMotoServer({ env: { POSTROOM_EMULATOR_STREAM_RECORD_SECONDS: '1', POSTROOM_EMULATOR_SHARD_ITERATOR_SECONDS: '3' } });
  dynamodb = new DynamoDBClient(clientConfig({ endpoint: moto.endpoint, region }));
  streams = new DynamoDBStreamsClient(clientConfig({ endpoint: moto.endpoint, region }));
  const { TableDescription } = await dynamodb.send(new CreateTableCommand({
    TableName: 'retention', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  }));
  streamArn = TableDescription!.LatestStreamArn!;
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  shardId = StreamDescription!.Shards![0]!.ShardId!;
});

afterAll(async () => {
  dynamodb?.destroy();
  streams?.destroy();
  await moto?.stop();
});

const put = (pk: string) => dynamodb.send(new PutItemCommand({ TableName: 'retention', Item: { pk: { S: pk } } }));
const oldest = async () => (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
const read = (iterator: string | undefined) => streams.send(new GetRecordsCommand({ ShardIterator: iterator }));

describe('DynamoDB stream retention on the emulator', () => {
  it('drops records past their retention, refuses to read from them, and expires iterators', async () => {
    await put('first');
    const fromFirst = await oldest();
    const [first] = (await read(fromFirst)).Records!;
    expect(first?.dynamodb?.Keys?.pk?.S).toBe('first');

    await sleep(1500); // past the records' retention, within the iterator's lifetime
    await put('second');
    await expect(read(fromFirst)).rejects.toBeInstanceOf(TrimmedDataAccessException);
    const fromOldest = await oldest();
    const { Records = [] } = await read(fromOldest);
    expect(Records.map((record) => record.dynamodb?.Keys?.pk?.S)).toEqual(['second']);
    // Sequence numbers go on past the dropped record.
    expect(BigInt(Records[0]!.dynamodb!.SequenceNumber!)).toBe(BigInt(first!.dynamodb!.SequenceNumber!) + 1n);

    await sleep(3500); // past the iterator's lifetime
    await expect(read(fromOldest)).rejects.toBeInstanceOf(ExpiredIteratorException);
    // A quiet table's records age out too: nothing left to read.
    expect((await read(await oldest())).Records).toEqual([]);
  });
});
