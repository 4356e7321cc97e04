import { exchangeApiName } from '../../../core/exchanges/exchange-names.ts';
import { fanOutMessageBytes, MAX_FAN_OUT_MESSAGE_BYTES } from '../../../core/fan-out.ts';
import { assertNoFifoDelays, exchangeGroupId, isFifoQueueUrl, sqsIdFor } from '../../../core/fifo.ts';
import { UnroutableError } from '../../../core/problems/index.ts';
import type { ExchangeMessage } from '../../../core/schemas/exchange-message-requests.ts';
import type { Services } from '../../services.ts';
import { deliverRouted, type RoutedMessage } from './exchange-delivery.ts';
import { assertAllPublished, sealMessages, type SealedMessage } from '../../../core/message-sealing.ts';
import { topologyFor } from './routing-topology.ts';

/** Messages routed, checked and sealed for an exchange publish: nothing is sent yet. */
export interface PreparedPublish {
  readonly sealed: readonly SealedMessage[];
  readonly routed: readonly RoutedMessage[];
}

export interface PublishResult {
  readonly messageId: string;
  readonly routedTo: number;
}

/**
 * Routes every message with the cached topology and refuses the whole publish before anything is
 * sent: a mandatory message that reaches no queue (422), one too large for SNS (413), a delayed one
 * routed to a FIFO queue (400, reported at `memberPath(index, 'delaySeconds')`).
 * @throws ExchangeNotFoundError, UnroutableError, MessageTooLargeError, InvalidRequestError
 */
export async function preparePublish(
  exchange: string,
  outgoing: readonly ExchangeMessage[],
  services: Services,
  memberPath: (index: number, member: string) => string,
): Promise<PreparedPublish> {
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
    (index) => memberPath(index, 'delaySeconds'),
  );
  const sealed = sealMessages(outgoing, {
    publishedAt: services.now().toISOString(),
    limit: MAX_FAN_OUT_MESSAGE_BYTES,
    sizeOf: (body, index) => fanOutMessageBytes(body, targets[index]!.map((target) => target.targetId)),
    properties: (message) => ({ exchange: exchangeName, routingKey: message.routingKey, ...message.properties }),
  });
  const routed = sealed.map(({ id, body }, index) => {
    const { delaySeconds, groupId, routingKey } = outgoing[index]!;
    return { body, targets: targets[index]!, delaySeconds, groupId: exchangeGroupId(groupId, routingKey), deduplicationId: sqsIdFor(id) };
  });
  return { sealed, routed };
}

/**
 * Hands each prepared message over once, whatever the number of its queues (see deliverRouted).
 * @throws PublishIncompleteError unless every queue is sure to get its copy
 */
export async function deliverPublish({ sealed, routed }: PreparedPublish, services: Services): Promise<PublishResult[]> {
  assertAllPublished(sealed, await deliverRouted(routed, services));
  return sealed.map(({ id }, index) => ({ messageId: id, routedTo: routed[index]!.targets.length }));
}
