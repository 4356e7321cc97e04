import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sqsEventSource } from '../../local/event-sources/sqs-event-source.ts';
import { parseFilterCriteria } from '../../local/event-sources/filter-criteria.ts';
import type { RunningEventSource } from '../../local/event-sources/event-source-type.ts';
import type { LocalFunction } from '../../local/lambda/local-function.ts';
import { AwsClients, connectAws } from '../../local/index.ts';

// The local SQS poller with FilterCriteria, on the suite's moto: Lambda parses a JSON body for the
// pattern, and deletes the messages no pattern matches without invoking the function.
let aws: AwsClients;
let poller: RunningEventSource;
let queueUrl: string;
const delivered: string[] = [];
const warnings: string[] = [];
/** Only what the poller uses of a function: invoke. */
const recorder = {
  name: 'recorder',
  async invoke(event: { Records: Array<{ body: string }> }) {
    delivered.push(...event.Records.map((record) => record.body));
    return { requestId: 'local', ok: true, payload: null };
  },
} as unknown as LocalFunction;

beforeAll(async () => {
  aws = new AwsClients(await connectAws(inject('awsEndpoint'), 'us-east-1'));
  const name = `filtered${randomBytes(4).toString('hex')}`;
  ({ QueueUrl: queueUrl } = (await aws.get(SQSClient).send(new CreateQueueCommand({ QueueName: name }))) as { QueueUrl: string });
  const filters = parseFilterCriteria({ Filters: [{ Pattern: JSON.stringify({ body: { kind: ['order'], total: [{ numeric: ['>=', 100] }] } }) }] });
  poller = sqsEventSource.start(
    { logicalId: 'Filtered', sourceArn: `arn:aws:sqs:us-east-1:123456789012:${name}`, functionName: 'recorder', enabled: true, maximumBatchingWindowSeconds: 0, reportBatchItemFailures: false, filters },
    recorder, aws, (line) => warnings.push(line),
  );
});

afterAll(async () => {
  await poller?.stop();
  aws?.destroy();
});

const depth = async (): Promise<number> => {
  const { Attributes = {} } = await aws.get(SQSClient).send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
};

describe('the local SQS poller', () => {
  it('invokes the function with the messages its FilterCriteria match and deletes the others unseen', async () => {
    const bodies = [JSON.stringify({ kind: 'order', total: 150 }), JSON.stringify({ kind: 'order', total: 50 }), JSON.stringify({ kind: 'refund', total: 150 }), 'plain text', JSON.stringify({ kind: 'order', total: 100 })];
    await aws.get(SQSClient).send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: bodies.map((MessageBody, index) => ({ Id: String(index), MessageBody })) }));
    for (let waited = 0; (await depth()) > 0 && waited < 100; waited += 1) await sleep(100);
    expect(await depth()).toBe(0);
    expect(delivered.sort()).toEqual([bodies[4], bodies[0]].sort());
    expect(warnings).toEqual([]);
  });
});
