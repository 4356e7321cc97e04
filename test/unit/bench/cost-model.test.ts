import { describe, expect, it } from 'vitest';
import { billedMs, combine, costPerMillion, gbSeconds, kinesisPerMillion, qstashPerMillion, sqsSnsDirectPerMillion, totalBilledMs, type WorkloadUsage } from '../../../bench/cost-model.ts';
import { awsPrices, peerPrices } from '../../../bench/prices/aws-us-east-1.ts';
import { billedRequests, messageBytes, payloadBytes, planWriteUnits, readCommandUnits, readUnits, wireItem, writePlan } from '../../../testing/billed-units.ts';

const KIB = 1024;
const none: WorkloadUsage = {
  messages: 1, apiRequests: 0, invocations: 0, billedMs: 0, gbSeconds: 0, sqsStandardRequests: 0, sqsFifoRequests: 0,
  snsPublishRequests: 0, snsMessages: 0, writeUnits: 0, readUnits: 0, stateTransitions: 0, logBytes: 0,
};

describe('SQS and SNS requests as billed', () => {
  it('counts each started 64 KiB chunk of payload as a request, and at least one', () => {
    expect(billedRequests(0)).toBe(1);
    expect(billedRequests(64 * KIB)).toBe(1);
    expect(billedRequests(64 * KIB + 1)).toBe(2);
    expect(billedRequests(256 * KIB)).toBe(4);
  });

  it('sizes a message by its body and its attributes (name, type and value)', () => {
    expect(messageBytes('héllo')).toBe(6);
    expect(messageBytes('x', { k: { DataType: 'String', StringValue: 'vv' }, b: { DataType: 'Binary', BinaryValue: new Uint8Array(3) } })).toBe(1 + 1 + 6 + 2 + 1 + 6 + 3);
  });

  it('sums a batch, and sizes a receive by what it returned', () => {
    const entry = { MessageBody: 'x'.repeat(40 * KIB) };
    expect(billedRequests(payloadBytes('SendMessageBatchCommand', { Entries: [entry, entry] }, undefined))).toBe(2);
    expect(payloadBytes('PublishBatchCommand', { PublishBatchRequestEntries: [{ Message: 'ab' }, { Message: 'c' }] }, undefined)).toBe(3);
    expect(payloadBytes('ReceiveMessageCommand', {}, { Messages: [{ Body: 'abcd' }] })).toBe(4);
    expect(payloadBytes('DeleteMessageBatchCommand', { Entries: [{ Id: '1', ReceiptHandle: 'r'.repeat(100 * KIB) }] }, undefined)).toBe(0);
  });
});

describe('DynamoDB request units from item sizes', () => {
  it('rounds reads up to 4 KB: half a unit eventually consistent, one strongly, two in a transaction', () => {
    expect(readUnits(0)).toBe(0.5);
    expect(readUnits(4 * KIB + 1)).toBe(1);
    expect(readUnits(4 * KIB + 1, { consistent: true })).toBe(2);
    expect(readUnits(100, { transactional: true })).toBe(2);
  });

  it('sums a Query\'s items before rounding, and reads both item forms (wire and document)', () => {
    const items = [{ pk: { S: 'a'.repeat(3000) } }, { pk: { S: 'b'.repeat(3000) } }];
    expect(readCommandUnits('QueryCommand', { ConsistentRead: true }, { Items: items })).toBe(2);
    expect(readCommandUnits('GetItemCommand', {}, { Item: { pk: 'a'.repeat(5000) } })).toBe(1);
    expect(readCommandUnits('SendMessageCommand', {}, {})).toBeUndefined();
    expect(wireItem({ n: 5, s: 'x' })).toEqual({ n: { N: '5' }, s: { S: 'x' } });
    expect(wireItem({ s: { S: 'x' } })).toEqual({ s: { S: 'x' } });
  });

  it('prices a transaction at two units per started KB of each item, looked-up items included', () => {
    const plan = writePlan('TransactWriteItemsCommand', {
      TransactItems: [{ Put: { TableName: 't', Item: { pk: { S: 'x'.repeat(1500) } } } }, { Update: { TableName: 't', Key: { pk: { S: 'tail' } } } }],
    })!;
    expect(plan.transactional).toBe(true);
    expect(plan.targets[1]).toEqual({ table: 't', key: { pk: { S: 'tail' } }, when: 'after' });
    expect(planWriteUnits(plan, [1502, 40])).toBe(4 + 2);
    expect(planWriteUnits(writePlan('PutItemCommand', { Item: { pk: 'x' } })!, [2049])).toBe(3);
    expect(writePlan('DeleteItemCommand', { TableName: 't', Key: { pk: 'k' } })!.targets).toEqual([{ table: 't', key: { pk: { S: 'k' } }, when: 'before' }]);
  });
});

describe('dollars per million messages', () => {
  it('bills Lambda per invocation and per GB-second of durations rounded up to 1 ms', () => {
    expect(billedMs(0.2)).toBe(1);
    expect(billedMs(41.01)).toBe(42);
    expect(totalBilledMs([0.5, 1.5, 2])).toBe(1 + 2 + 2);
    expect(gbSeconds(2000, 512)).toBe(1);
    const cost = costPerMillion({ ...none, messages: 10, apiRequests: 1, invocations: 1, gbSeconds: 0.5 }, awsPrices);
    expect(cost.apiGateway).toBeCloseTo(0.1);
    expect(cost.lambda).toBeCloseTo((0.2 / 1e6 + 0.5 * 0.0000133334) / 10 * 1e6);
  });

  it('breaks the total into services that add up', () => {
    const cost = costPerMillion({ ...none, messages: 2, sqsStandardRequests: 1, sqsFifoRequests: 1, snsPublishRequests: 2, writeUnits: 4, readUnits: 8, stateTransitions: 2, logBytes: 1024 ** 3 / 1e6 }, awsPrices);
    expect(cost).toMatchObject({ sqs: expect.closeTo((0.4 + 0.5) / 2), sns: expect.closeTo(0.5), dynamodb: expect.closeTo((4 * 0.625 + 8 * 0.125) / 2), stepFunctions: expect.closeTo(25), cloudWatchLogs: expect.closeTo(0.25) });
    expect(cost.total).toBeCloseTo(0.45 + 0.5 + 1.75 + 25 + 0.25);
  });

  it('adds a second workload per message, `times` over', () => {
    const publish = { ...none, messages: 100, apiRequests: 10, snsPublishRequests: 10 };
    const consume = { ...none, messages: 500, apiRequests: 100, sqsStandardRequests: 100 };
    expect(combine(publish, consume, 3)).toMatchObject({ messages: 100, apiRequests: 10 + 60, sqsStandardRequests: 60, snsPublishRequests: 10 });
  });

  it('prices the peers: SQS/SNS batched at most 10 a call, QStash per delivery, Kinesis per KiB-rounded record', () => {
    expect(sqsSnsDirectPerMillion(awsPrices, { queues: 0, batch: 1 })).toBeCloseTo(1.2);
    expect(sqsSnsDirectPerMillion(awsPrices, { queues: 0, batch: 100 })).toBeCloseTo(0.12);
    expect(sqsSnsDirectPerMillion(awsPrices, { queues: 10, batch: 10 })).toBeCloseTo(0.05 + 0.8);
    expect(qstashPerMillion(peerPrices, 50)).toBeCloseTo(500);
    const small = kinesisPerMillion(peerPrices, { recordBytes: 100, readers: 1, recordsPerSecond: 1000 });
    expect(small.in).toBeCloseTo(kinesisPerMillion(peerPrices, { recordBytes: 1024, readers: 0, recordsPerSecond: 1000 }).in);
    expect(small.in).toBeCloseTo((1e6 * 1024) / 1024 ** 3 * 0.08);
    expect(small.hours).toBeCloseTo((1000 / 3600) * 0.04);
  });
});
