import { exchangePublishRequestSchema } from '../../../core/schemas/exchange-message-requests.ts';
import { messageMemberPath } from '../../../core/schemas/message-requests.ts';
import { parseExchangeReference } from '../../../core/schemas/exchange-requests.ts';
import { withTraceparent } from '../../../core/trace-context.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { deliverPublish, preparePublish } from './routed-messages.ts';

/**
 * `POST /v1/exchanges/{name}/messages`: routes every message with the cached topology first; a
 * mandatory message that reaches no queue refuses the whole request (422), as does one too large
 * for SNS (413), before anything is published. Then each routed message is handed over once,
 * whatever the number of its queues (reaching a priority queue at the level of its priority);
 * unroutable ones are dropped. FIFO queues get theirs directly, in group `groupId` (default: the
 * routing key) under the message id as deduplication id; a message routed to one may not have
 * `delaySeconds` (400). 202 means every queue will get its copy.
 */
export const publishToExchange: OperationHandler = async (request, services) => {
  const exchange = parseExchangeReference(request.pathParameters.name);
  const outgoing = parseRequest(exchangePublishRequestSchema(request.body), request.body, 'request body').map((message) => ({
    ...message,
    headers: withTraceparent(message.headers, request.traceparent),
  }));
  const prepared = await preparePublish(exchange, outgoing, services, (index, member) => messageMemberPath(request.body, index, member));
  return { status: 202, body: { results: await deliverPublish(prepared, services) } };
};
