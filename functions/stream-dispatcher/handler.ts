import { setTimeout as sleep } from 'node:timers/promises';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { documents, sqs } from '../adapters/aws-clients.ts';
import { traced } from '../adapters/tracing.ts';
import { ConsumerDeadLetters } from '../adapters/consumer-dead-letters.ts';
import { ConsumerInvoker } from '../adapters/consumer-invoker.ts';
import { GroupOffsets } from '../adapters/group-offsets.ts';
import { EventStreams } from '../adapters/event-streams.ts';
import { ProjectionRebuilds, rebuildRequestOf } from '../adapters/projection-rebuilds.ts';
import { segmentImageOf } from '../adapters/segment-images.ts';
import { BrokerMetrics } from '../api/metrics/broker-metrics.ts';
import { DeliveryMetrics } from './delivery-metrics.ts';
import { backoffDelaySeconds } from '../core/backoff.ts';
import type { StreamIdentity } from '../core/streams/log-keys.ts';
import { readDispatcherConfig } from './environment.ts';
import { ProjectionReplay } from './projection-replay.ts';
import { SegmentDispatcher } from './segment-dispatcher.ts';

const logger = new Logger({ serviceName: 'postroom-stream-consumer' });
const config = readDispatcherConfig();
const offsets = new GroupOffsets(documents, config.metadataTable);
const invoker = new ConsumerInvoker(traced(new LambdaClient({})), config.consumerFunction);
const deadLetters = new ConsumerDeadLetters(sqs, config.deadLetterQueueUrl);
// Monitors its own stream: the group exists only where CDK declares it, so its dimension set is bounded.
const metrics = config.broker === undefined ? undefined : new DeliveryMetrics(new BrokerMetrics(config.broker, { stream: [config.stream] }), config.stream, config.group);
// A Projection's dispatcher also runs its rebuilds.
const projection =
  config.eventStoreTable === undefined ? undefined : { rebuilds: new ProjectionRebuilds(documents, config.metadataTable), eventStreams: new EventStreams(documents, config.eventStoreTable) };

/** Time kept for one more delivery and its commit: the consumer's own timeout bounds a delivery. */
const RESERVE_MS = 30_000;

/**
 * The dispatcher of a StreamConsumer: Lambda hands it the records table's stream in order per
 * key (one stream partition), it pushes the new segments of its stream to the consumer function.
 * A stream record it could not finish (out of time, or an AWS error such as throttling) is reported
 * as the batch item failure, so Lambda hands it (and the ones after it) over again: committed
 * offsets skip what was delivered already.
 */
export const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  const outOfTime = () => context.getRemainingTimeInMillis() < RESERVE_MS;
  const pause = (attempts: number) => sleep(backoffDelaySeconds(attempts) * 1000);
  const replay = projection && new ProjectionReplay({ ...config, ...projection, offsets, invoker, deadLetters, outOfTime, pause });
  const rebuilds = projection && replay && { jobs: projection.rebuilds, replay: (log: StreamIdentity, generation: number) => replay.run(log, generation) };
  const newDispatcher = () => new SegmentDispatcher({ ...config, offsets, invoker, deadLetters, metrics, rebuilds, outOfTime, pause });
  let dispatcher = newDispatcher();
  try {
    for (const record of event.Records) {
      const retryFromHere = { batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber! }] };
      const request = replay && rebuildRequestOf(record, config.stream, config.group);
      if (replay && request) {
        try {
          if (!(await replay.run(request.log, request.generation))) return retryFromHere;
        } catch (error) {
          logger.error('rebuilding the projection failed; Lambda will retry it', { generation: request.generation, error });
          return retryFromHere;
        }
        // The segments after the request are delivered from the rebuild's offsets, in its generation.
        dispatcher = newDispatcher();
        continue;
      }
      const image = segmentImageOf(record, config.stream);
      if (image === undefined) continue;
      try {
        if (!(await dispatcher.dispatch(image))) return retryFromHere;
      } catch (error) {
        logger.error('dispatching a segment failed; Lambda will retry from it', { partition: image.partition, base: image.segment.base, error });
        return retryFromHere;
      }
    }
    return { batchItemFailures: [] };
  } finally {
    metrics?.flush();
  }
};
