import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeStreamCommand, DynamoDBStreamsClient, ExpiredIteratorException, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { LocalFunction } from '../lambda/local-function.ts';
import { recordsToRetry } from './batch-item-failures.ts';
import type { EventSourceMapping } from './event-source-mapping.ts';
import { dynamodbStreamRecord } from './dynamodb-stream-record.ts';
import { matchesFilters } from './filter-criteria.ts';
import { pollingEventSource } from './polling-event-source.ts';

/** How long an idle shard, or a failed batch, waits before the next try (Lambda polls a shard about once a second). */
const pollIntervalMs = 1000;

/**
 * A DynamoDB stream event-source mapping, run as Lambda runs it with ParallelizationFactor 1: each
 * shard is read in order from StartingPosition, BatchSize records at a time; a batch is retried
 * until the function succeeds, and with ReportBatchItemFailures from the first failed record on
 * (the records before it are done). Retries do not give up (Lambda's default for streams until
 * the record expires); MaximumRetryAttempts and on-failure destinations are not emulated. An
 * expired shard iterator is replaced by one after the last record done. Records no filter pattern
 * matches are passed over as done, as Lambda drops them.
 */
export const dynamodbStreamEventSource = pollingEventSource('dynamodb', (mapping, fn, aws, log) => {
  const streams = aws.get(DynamoDBStreamsClient);
  const iterators = new Map<string, string>();
  /** Per shard, the last record done: where to resume when an iterator expired. */
  const done = new Map<string, string>();
  const iterator = async (ShardId: string, signal: AbortSignal) => {
    const after = done.get(ShardId);
    const position = after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: after } : { ShardIteratorType: (mapping.startingPosition ?? 'TRIM_HORIZON') as never };
    const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: mapping.sourceArn, ShardId, ...position }), { abortSignal: signal });
    return ShardIterator;
  };
  const records = async (shardId: string, ShardIterator: string, signal: AbortSignal) => {
    const limit = mapping.batchSize ?? 100;
    try {
      return await streams.send(new GetRecordsCommand({ ShardIterator, Limit: limit }), { abortSignal: signal });
    } catch (error) {
      // An iterator lives 15 minutes, which a batch retried until it succeeds can outlast.
      if (!(error instanceof ExpiredIteratorException)) throw error;
      return streams.send(new GetRecordsCommand({ ShardIterator: await iterator(shardId, signal), Limit: limit }), { abortSignal: signal });
    }
  };
  return {
    source: mapping.sourceArn,
    async round(signal) {
      if (iterators.size === 0) {
        const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: mapping.sourceArn }), { abortSignal: signal });
        for (const { ShardId } of StreamDescription?.Shards ?? []) {
          const ShardIterator = await iterator(ShardId!, signal);
          if (ShardIterator) iterators.set(ShardId!, ShardIterator);
        }
      }
      let busy = false;
      for (const [shardId, shardIterator] of iterators) {
        const { Records = [], NextShardIterator } = await records(shardId, shardIterator, signal);
        if (Records.length > 0) busy = true;
        await invokeUntilDone(Records, mapping, fn, log, signal);
        if (Records.length > 0 && !signal.aborted) done.set(shardId, Records.at(-1)!.dynamodb!.SequenceNumber!);
        if (NextShardIterator) iterators.set(shardId, NextShardIterator);
        else iterators.delete(shardId);
      }
      if (!busy) await sleep(pollIntervalMs, undefined, { signal });
    },
  };
});

/** Invokes the function with the batch until every record is done (or the poller stops). */
async function invokeUntilDone(records: readonly _Record[], mapping: EventSourceMapping, fn: LocalFunction, log: (line: string) => void, signal: AbortSignal): Promise<void> {
  let pending = records.map((record) => dynamodbStreamRecord(record, mapping.sourceArn)).filter((record) => matchesFilters(mapping.filters, record));
  while (pending.length > 0 && !signal.aborted) {
    const result = await fn.invoke({ Records: pending });
    const sequenceNumbers = pending.map((record) => record.dynamodb!.SequenceNumber!);
    const retry = !result.ok ? new Set(sequenceNumbers) : mapping.reportBatchItemFailures ? recordsToRetry(result.payload, sequenceNumbers) : new Set<string>();
    const firstFailed = sequenceNumbers.findIndex((sequenceNumber) => retry.has(sequenceNumber));
    if (firstFailed === -1) return;
    if (!result.ok) log(`${mapping.logicalId}: function ${fn.name} failed (${result.error.errorMessage}); retrying the batch`);
    pending = pending.slice(firstFailed);
    await sleep(pollIntervalMs, undefined, { signal }).catch(() => undefined);
  }
}
