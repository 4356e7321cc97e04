import { backoffDelaySeconds } from '../../../core/backoff.ts';
import { parseQueueName } from '../../../core/schemas/queue-requests.ts';
import { nackRequestSchema } from '../../../core/schemas/settle-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { deadLetter } from './dead-lettering.ts';
import { perLevel } from './queue-levels.ts';
import { levelOfReceipt } from '../../../core/receipt.ts';
import { settleReceipts } from './receipt-settlement.ts';
import { countSettled } from './settlement-metrics.ts';

/**
 * `POST /v1/queues/{name}/nack`: requeue hides each message for `delaySeconds`, or a backoff
 * that grows with its delivery count (it stays on its priority level); `requeue: false`
 * dead-letters the messages at once (reason `rejected`).
 */
export const nack: OperationHandler = async (request, services) => {
  const { directory, messages } = services;
  const name = parseQueueName(request.pathParameters.name);
  const { receipts, requeue, delaySeconds } = parseRequest(nackRequestSchema, request.body, 'request body');
  return directory.withQueue(name, async (queue) => {
    const { settled, failures } = await settleReceipts(receipts, name, async (valid) => {
      const outcomes = await perLevel(queue, valid, levelOfReceipt, (levelQueue, levelReceipts) =>
        requeue
          ? messages.changeVisibility(
              levelQueue.queueUrl,
              levelReceipts.map((receipt) => ({
                receiptHandle: receipt.receiptHandle,
                seconds: delaySeconds ?? backoffDelaySeconds(receipt.deliveryCount),
              })),
            )
          : deadLetter(levelQueue, levelReceipts, 'rejected', services),
      );
      countSettled(services.metrics, 'nack', valid, outcomes, services.now().getTime());
      return outcomes;
    });
    return { status: 200, body: { nacked: settled, failures } };
  });
};
