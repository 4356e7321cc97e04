import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { FilterPolicyLimitExceededException, NotFoundException, SubscriptionLimitExceededException, TopicLimitExceededException } from '@aws-sdk/client-sns';
import { PurgeQueueInProgress, QueueDeletedRecently, QueueDoesNotExist, QueueNameExists } from '@aws-sdk/client-sqs';

/** SQS: the queue (URL) is gone. */
export const isQueueMissingError = (error: unknown): error is QueueDoesNotExist => error instanceof QueueDoesNotExist;

/** SQS CreateQueue: a queue of that name exists with other attributes. */
export const isQueueNameTakenError = (error: unknown): error is QueueNameExists => error instanceof QueueNameExists;

/** SQS CreateQueue: the name was deleted less than 60 seconds ago. */
export const isQueueDeletedRecentlyError = (error: unknown): error is QueueDeletedRecently =>
  error instanceof QueueDeletedRecently;

/** SQS PurgeQueue: the queue was purged less than 60 seconds ago. */
export const isPurgeInProgressError = (error: unknown): error is PurgeQueueInProgress => error instanceof PurgeQueueInProgress;

export const isConditionalCheckFailedError = (error: unknown): error is ConditionalCheckFailedException =>
  error instanceof ConditionalCheckFailedException;

/** DynamoDB TransactWriteItems: a condition failed, or the transaction collided with another one. */
export const isTransactionCanceledError = (error: unknown): error is TransactionCanceledException =>
  error instanceof TransactionCanceledException;

/** SNS: the subscription (or topic) does not exist. */
export const isSnsNotFoundError = (error: unknown): error is NotFoundException => error instanceof NotFoundException;

/** SNS Subscribe: the topic or the account has as many filter policies (or subscriptions) as its quota allows. */
export const isSubscriptionQuotaError = (error: unknown): boolean =>
  error instanceof FilterPolicyLimitExceededException || error instanceof SubscriptionLimitExceededException;

/** SNS CreateTopic: the account has as many topics as its quota allows. */
export const isTopicQuotaError = (error: unknown): error is TopicLimitExceededException => error instanceof TopicLimitExceededException;

const throttlingErrorNames = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'KmsThrottled',
]);
const networkErrorCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/**
 * An AWS failure that is no fault of the request and may pass: throttling, a 5xx, a network
 * failure or timeout. Seen only after the SDK's own retries gave up; answered with a 503.
 */
export function isTransientAwsError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { $fault, $metadata, code } = error as Error & {
    $fault?: string;
    $metadata?: { httpStatusCode?: number };
    code?: string;
  };
  const status = $metadata?.httpStatusCode ?? 0;
  return (
    $fault === 'server' ||
    status >= 500 ||
    status === 429 ||
    throttlingErrorNames.has(error.name) ||
    error.name === 'TimeoutError' ||
    networkErrorCodes.has(code ?? '')
  );
}
