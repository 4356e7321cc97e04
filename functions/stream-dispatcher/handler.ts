import { LambdaClient } from '@aws-sdk/client-lambda';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { documents, sqs } from '../adapters/aws-clients.ts';
import { traced } from '../adapters/tracing.ts';
import { ConsumerDeadLetters } from '../adapters/consumer-dead-letters.ts';
import { ConsumerInvoker } from '../adapters/consumer-invoker.ts';
import { GroupOffsets } from '../adapters/group-offsets.ts';
import { segmentImageOf } from '../adapters/segment-images.ts';
import { BrokerMetrics } from '../api/metrics/broker-metrics.ts';
import { DeliveryMetrics } from './delivery-metrics.ts';
import { readDispatcherConfig } from './environment.ts';
import { SegmentDispatcher } from './segment-dispatcher.ts';

const logger = new Logger({ serviceName: 'postroom-stream-consumer' });
const config = readDispatcherConfig();
const offsets = new GroupOffsets(documents, config.metadataTable);
const invoker = new ConsumerInvoker(traced(new LambdaClient({})), config.consumerFunction);
const deadLetters = new ConsumerDeadLetters(sqs, config.deadLetterQueueUrl);
// Monitors its own stream: the group exists only where CDK declares it, so its dimension set is bounded.
const metrics = config.broker === undefined ? undefined : new DeliveryMetrics(new BrokerMetrics(config.broker, { stream: [config.stream] }), config.stream, config.group);

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
  const dispatcher = new SegmentDispatcher({ ...config, offsets, invoker, deadLetters, metrics, outOfTime: () => context.getRemainingTimeInMillis() < RESERVE_MS });
  try {
    for (const record of event.Records) {
      const image = segmentImageOf(record, config.stream);
      if (image === undefined) continue;
      const retryFromHere = { batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber! }] };
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
