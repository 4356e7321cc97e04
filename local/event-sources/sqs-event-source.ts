import { DeleteMessageBatchCommand, GetQueueUrlCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { recordsToRetry } from './batch-item-failures.ts';
import type { EventSourceMapping } from './event-source-mapping.ts';
import { matchesFilters } from './filter-criteria.ts';
import { pollingEventSource } from './polling-event-source.ts';
import { sqsRecord } from './sqs-record.ts';

/** SQS's limits on one ReceiveMessage / DeleteMessageBatch call. */
const maxMessagesPerCall = 10;
const maxWaitSeconds = 20;

/**
 * An SQS event-source mapping, run as Lambda runs it: long-poll the queue, gather up to BatchSize
 * messages within MaximumBatchingWindowInSeconds, invoke the function synchronously, delete what
 * succeeded. Failed messages are left alone, so the queue's visibility timeout and redrive policy
 * decide what happens next. Messages no filter pattern matches are deleted unseen, as Lambda does.
 * One poller per mapping.
 */
export const sqsEventSource = pollingEventSource('sqs', (mapping, fn, aws, log) => {
  const sqs = aws.get(SQSClient);
  const [, , , region, accountId, queueName] = mapping.sourceArn.split(':');
  let queueUrl: string | undefined;
  return {
    source: queueName!,
    async round(signal) {
      queueUrl ??= (await sqs.send(new GetQueueUrlCommand({ QueueName: queueName, QueueOwnerAWSAccountId: accountId }), { abortSignal: signal })).QueueUrl!;
      const received = await receiveBatch(sqs, queueUrl, mapping, signal);
      if (received.length === 0) return;
      const all = received.map((message) => sqsRecord(message, mapping.sourceArn, region!));
      // Parsing every body for the patterns only when there are patterns.
      const records = mapping.filters.length === 0 ? all : all.filter((record) => matchesFilters(mapping.filters, filterView(record)));
      let retry: ReadonlySet<string> = new Set<string>();
      if (records.length > 0) {
        const result = await fn.invoke({ Records: records });
        const ids = records.map((record) => record.messageId);
        retry = !result.ok ? new Set(ids) : mapping.reportBatchItemFailures ? recordsToRetry(result.payload, ids) : retry;
      }
      await deleteMessages(sqs, queueUrl, received.filter((message) => !retry.has(message.MessageId!)), log);
    },
  };
});

/** What a filter pattern sees of a message: a JSON body as its value, any other body as its string. */
function filterView(record: SQSRecord): unknown {
  try {
    return { ...record, body: JSON.parse(record.body) as unknown };
  } catch {
    return record;
  }
}

/** Up to BatchSize messages: the first long poll waits for any; the batching window then fills the batch. */
async function receiveBatch(sqs: SQSClient, queueUrl: string, mapping: EventSourceMapping, signal: AbortSignal): Promise<Message[]> {
  const batchSize = mapping.batchSize ?? 10;
  const batch: Message[] = [];
  let windowEnds = Infinity;
  do {
    const waitSeconds = batch.length === 0 ? maxWaitSeconds : Math.min(maxWaitSeconds, Math.ceil((windowEnds - Date.now()) / 1000));
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(maxMessagesPerCall, batchSize - batch.length),
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: signal },
    );
    if (batch.length === 0 && Messages.length > 0) windowEnds = Date.now() + mapping.maximumBatchingWindowSeconds * 1000;
    batch.push(...Messages);
  } while (batch.length > 0 && batch.length < batchSize && Date.now() < windowEnds);
  return batch;
}

async function deleteMessages(sqs: SQSClient, queueUrl: string, messages: readonly Message[], log: (line: string) => void): Promise<void> {
  for (let start = 0; start < messages.length; start += maxMessagesPerCall) {
    const chunk = messages.slice(start, start + maxMessagesPerCall);
    const { Failed = [] } = await sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: chunk.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })) }),
    );
    for (const failure of Failed) log(`warning: deleting a processed message from ${queueUrl} failed: ${failure.Message ?? failure.Code}`);
  }
}
