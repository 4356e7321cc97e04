import { Logger } from '@aws-lambda-powertools/logger';
import { SQSClient } from '@aws-sdk/client-sqs';
import { traced } from '../adapters/tracing.ts';
import { requiredVariable } from '../api/config.ts';
import { ApiEnvironment } from '../api/environment.ts';
import { sweepReplyQueues, type SweepSummary } from './sweep.ts';

const logger = new Logger({ serviceName: 'postroom-reply-queue-sweeper' });
// A client of its own: the shared module (adapters/aws-clients.ts) also builds DynamoDB and SNS
// clients, which this function never uses.
const sqs = traced(new SQSClient({}));

const queueNamePrefix = requiredVariable(process.env, ApiEnvironment.queueNamePrefix);

/** Run on a schedule (ReplyQueueSweeper construct): deletes the stack's orphaned reply queues. */
export const handler = async (): Promise<SweepSummary> => {
  const summary = await sweepReplyQueues({ sqs, queueNamePrefix, now: Date.now() });
  logger.info('swept orphaned reply queues', { ...summary });
  return summary;
};
