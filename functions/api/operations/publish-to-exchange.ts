import { exchangeApiName } from '../../core/exchanges/exchange-names.ts';
import { fanOutMessageBytes, MAX_FAN_OUT_MESSAGE_BYTES } from '../../core/fan-out.ts';
import { assertNoFifoDelays, exchangeGroupId, isFifoQueueUrl, sqsIdFor } from '../../core/fifo.ts';
import { UnroutableError } from '../../core/problems.ts';
import { exchangePublishRequestSchema } from '../../core/schemas/exchange-message-requests.ts';
import { messageMemberPath } from '../../core/schemas/message-requests.ts';
import { parseExchangeReference } from '../../core/schemas/exchange-requests.ts';
import { parseRequest } from '../../core/validation.ts';
import type { OperationHandler } from '../http.ts';
import { deliverRouted } from './exchange-delivery.ts';
import { assertAllPublished, sealMessages } from './publishing.ts';
import { topologyFor } from './routing-topology.ts';

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
  const outgoing = parseRequest(exchangePublishRequestSchema(request.body), request.body, 'request body');
  const topology = await topologyFor(exchange, services);
  const exchangeName = exchangeApiName(exchange);

  const targets = outgoing.map((message, index) => {
    const { queues } = topology.route({ exchange, routingKey: message.routingKey, headers: message.headers });
    if (message.mandatory && queues.length === 0) throw new UnroutableError(index, exchangeName, message.routingKey, message.messageId);
    return topology.targetsOf(queues, message.properties.priority);
  });
  assertNoFifoDelays(
    outgoing,
    (index) => targets[index]!.some((target) => isFifoQueueUrl(target.queueUrl)),
    (index) => messageMemberPath(request.body, index, 'delaySeconds'),
  );
  const sealed = sealMessages(outgoing, {
    publishedAt: services.now().toISOString(),
    limit: MAX_FAN_OUT_MESSAGE_BYTES,
    sizeOf: (body, index) => fanOutMessageBytes(body, targets[index]!.map((target) => target.targetId)),
    properties: (message) => ({ exchange: exchangeName, routingKey: message.routingKey, ...message.properties }),
  });

  const accepted = await deliverRouted(
    sealed.map(({ id, body }, index) => {
      const { delaySeconds, groupId, routingKey } = outgoing[index]!;
      return { body, targets: targets[index]!, delaySeconds, groupId: exchangeGroupId(groupId, routingKey), deduplicationId: sqsIdFor(id) };
    }),
    services,
  );
  assertAllPublished(sealed, accepted);
  return { status: 202, body: { results: sealed.map(({ id }, index) => ({ messageId: id, routedTo: targets[index]!.length })) } };
};
