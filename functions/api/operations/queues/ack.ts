import { parseQueueName } from '../../../core/schemas/queue-requests.ts';
import { ackRequestSchema } from '../../../core/schemas/settle-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { perLevel } from './queue-levels.ts';
import { levelOfReceipt } from '../../../core/receipt.ts';
import { settleReceipts } from './receipt-settlement.ts';
import { countSettled } from './settlement-metrics.ts';

/** `POST /v1/queues/{name}/ack`: deletes the messages, one DeleteMessageBatch per 10 receipts of a priority level. */
export const ack: OperationHandler = async (request, { directory, messages, metrics, now }) => {
  const name = parseQueueName(request.pathParameters.name);
  const { receipts } = parseRequest(ackRequestSchema, request.body, 'request body');
  return directory.withQueue(name, async (queue) => {
    const { settled, failures } = await settleReceipts(receipts, name, async (valid) => {
      const outcomes = await perLevel(queue, valid, levelOfReceipt, (levelQueue, levelReceipts) =>
        messages.delete(
          levelQueue.queueUrl,
          levelReceipts.map((receipt) => receipt.receiptHandle),
        ),
      );
      countSettled(metrics, 'ack', valid, outcomes, now().getTime());
      return outcomes;
    });
    return { status: 200, body: { acked: settled, failures } };
  });
};
