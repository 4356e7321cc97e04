import { setTimeout as sleep } from 'node:timers/promises';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamodbStreamEventSource } from '../../local/event-sources/dynamodb-stream-event-source.ts';
import { parseFilterCriteria } from '../../local/event-sources/filter-criteria.ts';
import type { RunningEventSource } from '../../local/event-sources/event-source-type.ts';
import type { LocalFunction } from '../../local/lambda/local-function.ts';
import { AwsClients, connectAws } from '../../local/index.ts';
import { startMotoServer, type RunningEmulator } from '../../local/emulator/moto-server.ts';

// The local DynamoDB stream poller when its shard iterator expires (15 minutes on AWS, e.g. while a
// failing batch is retried): a moto of its own whose iterators live 0.5 s, less than the poller's
// idle pause, so that every idle round finds its iterator expired. A second poller of the same
// stream has FilterCriteria: it passes over the records they do not match.
const region = 'us-east-1';
let moto: RunningEmulator;
let aws: AwsClients;
let pollers: RunningEventSource[];
const delivered: string[] = [];
const filtered: string[] = [];
const warnings: string[] = [];
/** Only what the poller uses of a function: invoke. */
const recorder = (keys: string[]) => ({
  name: 'recorder',
  async invoke(event: { Records: Array<{ dynamodb: { Keys: { pk: { S: string } } } }> }) {
    keys.push(...event.Records.map((record) => record.dynamodb.Keys.pk.S));
    return { requestId: 'local', ok: true, payload: null };
  },
}) as unknown as LocalFunction;

beforeAll(async () => {
  moto = await startMotoServer({ env: { POSTROOM_EMULATOR_SHARD_ITERATOR_SECONDS: '0.5' } });
  aws = new AwsClients(await connectAws(moto.endpoint, region));
  const { TableDescription } = await aws.get(DynamoDBClient).send(new CreateTableCommand({
    TableName: 'polled', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  }));
  const mapping = { logicalId: 'Polled', sourceArn: TableDescription!.LatestStreamArn!, functionName: 'recorder', enabled: true, maximumBatchingWindowSeconds: 0, reportBatchItemFailures: false, filters: [], startingPosition: 'TRIM_HORIZON' };
  const filters = parseFilterCriteria({ Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'th' }, 'first'] } } } }) }] });
  pollers = [
    dynamodbStreamEventSource.start(mapping, recorder(delivered), aws, (line) => warnings.push(line)),
    dynamodbStreamEventSource.start({ ...mapping, logicalId: 'Filtered', filters }, recorder(filtered), aws, (line) => warnings.push(line)),
  ];
});

afterAll(async () => {
  await Promise.all(pollers?.map((poller) => poller.stop()) ?? []);
  aws?.destroy();
  await moto?.stop();
});

async function deliveredCount(count: number): Promise<void> {
  for (let waited = 0; delivered.length < count && waited < 100; waited += 1) await sleep(100);
}

describe('the local DynamoDB stream poller', () => {
  it('resumes after the last record it delivered when its shard iterator has expired, and passes over what FilterCriteria do not match', async () => {
    const put = (pk: string) => aws.get(DynamoDBClient).send(new PutItemCommand({ TableName: 'polled', Item: { pk: { S: pk } } }));
    await put('first');
    await deliveredCount(1);
    await sleep(1500); // idle rounds, each ending with an expired iterator
    await put('second');
    await put('third');
    await deliveredCount(3);
    await sleep(1500);
    expect(delivered).toEqual(['first', 'second', 'third']);
    expect(filtered).toEqual(['first', 'third']);
    expect(warnings).toEqual([]);
  });
});
