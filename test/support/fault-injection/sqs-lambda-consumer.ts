import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sqsRecordFromReceived } from '../../fixtures/consumer-events.ts';
import { lambdaContext } from '../../../testing/handler-harness.ts';
import type { CrashPlan } from './crash-plan.ts';

export interface LambdaConsumerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  /** The user's function, e.g. one built with postroomSqsConsumer. */
  readonly handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
  readonly plan: CrashPlan;
}

/**
 * Lambda's SQS event source driving a function, with crashes where `plan` says: before the function
 * runs, after it handled part of the batch and before any delete (a timeout or an out-of-memory
 * kill), or in the middle of deleting what succeeded. What is not deleted comes back after the
 * queue's visibility timeout, as on AWS.
 */
export function lambdaConsumer({ sqs, queueUrl, queueArn, handler, plan }: LambdaConsumerOptions) {
  const isDrained = async () => {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      }),
    );
    return Object.values(Attributes).every((count) => count === '0');
  };

  return async (): Promise<'more' | 'drained'> => {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }),
    );
    if (Messages.length === 0) return (await isDrained()) ? 'drained' : 'more';
    const records = Messages.map((message) => sqsRecordFromReceived(message, queueArn));

    const crash = plan.next();
    if (crash === 'afterReceive') return 'more';
    if (crash === 'afterProcessing') {
      await handler({ Records: records.slice(0, plan.partOf(records.length) + 1) }, lambdaContext()).catch(() => undefined);
      return 'more';
    }
    let failed: Set<string>;
    try {
      const { batchItemFailures } = await handler({ Records: records }, lambdaContext());
      failed = new Set(batchItemFailures.map(({ itemIdentifier }) => itemIdentifier));
    } catch {
      failed = new Set(records.map(({ messageId }) => messageId)); // every record failed: Lambda retries the batch
    }
    const succeeded = records.filter(({ messageId }) => !failed.has(messageId));
    const deleted = crash === 'duringAck' ? succeeded.slice(0, plan.partOf(succeeded.length)) : succeeded;
    if (deleted.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: deleted.map(({ receiptHandle }, index) => ({ Id: String(index), ReceiptHandle: receiptHandle })),
        }),
      );
    }
    return 'more';
  };
}
