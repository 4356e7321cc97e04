import { describe, expect, it } from 'vitest';
import { demandOf, predictCapacity } from '../../../bench/capacity-model.ts';
import type { WorkloadUsage } from '../../../bench/cost-model.ts';
import { awsQuotas } from '../../../bench/quotas/aws-us-east-1.ts';

const usage = (counted: Partial<WorkloadUsage>): WorkloadUsage => ({
  messages: 100, apiRequests: 0, invocations: 0, billedMs: 0, gbSeconds: 0, sqsStandardRequests: 0, sqsFifoRequests: 0,
  snsPublishRequests: 0, snsMessages: 0, writeUnits: 0, readUnits: 0, stateTransitions: 0, logBytes: 0, ...counted,
});

describe('the capacity model', () => {
  it('divides each quota by what a message asks of it and names the lowest as the bottleneck', () => {
    // 0.3 API requests and 0.3 × 50 ms of Lambda a message: API Gateway allows 33,333/s, Lambda 66,666/s.
    const prediction = predictCapacity({ apiRequests: 0.3, lambdaSeconds: 0.015 }, awsQuotas);
    expect(prediction.ceilings.map((ceiling) => Math.round(ceiling.messagesPerSecond))).toEqual([33_333, 66_667]);
    expect(prediction.bottleneck.quota).toMatch(/^apiGatewayRps/);
    // Slower calls move the bottleneck to Lambda concurrency.
    expect(predictCapacity({ apiRequests: 0.3, lambdaSeconds: 0.06 }, awsQuotas).bottleneck.quota).toMatch(/^lambdaConcurrency/);
  });

  it('multiplies per-key quotas by the keys the load spreads over, until a per-table quota binds', () => {
    const stream = { keyWriteUnits: 0.25, tableWriteUnits: 0.25 };
    expect(predictCapacity(stream, awsQuotas).bottleneck).toMatchObject({ messagesPerSecond: 4000, quota: expect.stringMatching(/^dynamoPartitionKeyWcu/) });
    expect(predictCapacity(stream, awsQuotas, { keys: 8 }).bottleneck.messagesPerSecond).toBe(32_000);
    expect(predictCapacity(stream, awsQuotas, { keys: 64 }).bottleneck).toMatchObject({ messagesPerSecond: 160_000, quota: expect.stringMatching(/^dynamoTableWcu/) });
  });

  it('reports no ceiling for a path with no rate-limited resource, and ignores needs of zero', () => {
    expect(predictCapacity({}, awsQuotas).bottleneck.messagesPerSecond).toBe(Infinity);
    expect(predictCapacity({ apiRequests: 0, snsMessages: 1 }, awsQuotas).ceilings).toHaveLength(1);
    expect(predictCapacity({ shardRecords: 1, shardBytes: 100 }, awsQuotas, { keys: 2 }).bottleneck).toMatchObject({ messagesPerSecond: 2000, quota: expect.stringMatching(/^kinesisShardRecordsIn/) });
    expect(predictCapacity({ shardRecords: 1, shardBytes: 4000 }, awsQuotas).bottleneck.quota).toMatch(/^kinesisShardBytesIn/);
  });

  it('turns a counted workload into demand per message, on one partition key when asked', () => {
    const counted = usage({ apiRequests: 30, billedMs: 4000, snsMessages: 100, writeUnits: 24, readUnits: 2, stateTransitions: 0 });
    expect(demandOf(counted, { partitionKeyed: false })).toEqual({ apiRequests: 0.3, lambdaSeconds: 0.04, snsMessages: 1, tableWriteUnits: 0.24, tableReadUnits: 0.02, sfnTransitions: 0 });
    expect(demandOf(counted, { partitionKeyed: true })).toMatchObject({ keyWriteUnits: 0.24, keyReadUnits: 0.02 });
  });
});
