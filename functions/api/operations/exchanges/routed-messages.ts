import { exchangeApiName } from '../../../core/exchanges/exchange-names.ts';
import { fanOutMessageBytes, MAX_FAN_OUT_MESSAGE_BYTES } from '../../../core/fan-out.ts';
import { exchangeGroupId, isFifoQueueUrl, sqsIdFor } from '../../../core/fifo.ts';
import { assertNoFifoDelays } from '../../../core/fifo-requests.ts';
import { UnroutableError } from '../../../core/problems/index.ts';
import { Metrics } from '../../../core/metrics/metric-catalogue.ts';
import type { ExchangeMessage } from '../../../core/schemas/exchange-message-requests.ts';
import type { Services } from '../../services.ts';
import { deliverRouted, type RoutedMessage } from './exchange-delivery.ts';
import { assertAllPublished, sealMessages, type SealedMessage } from '../../../core/message-sealing.ts';
import { topologyFor } from './routing-topology.ts';
import { uploadIdsOf } from '../../../core/uploads.ts';

/** Messages routed, checked and sealed for an exchange publish: nothing is sent yet. */
export interface PreparedPublish {
  /** The exchange as the API names it. */
  readonly exchange: string;
  readonly sealed: readonly SealedMessage[];
  readonly routed: readonly RoutedMessage[];
  /** The names of the queues each message reaches. */
  readonly queues: readonly (readonly string[])[];
}

export interface PublishResult {
  readonly messageId: string;
  readonly routedTo: number;
}

/**
 * Routes every message with the cached topology and refuses the whole publish before anything is
 * sent: a mandatory message that reaches no queue (422), one too large even for the claim check (413), a delayed one
 * routed to a FIFO queue (400, reported at `memberPath(index, 'delaySeconds')`), an upload that is not
 * there (404).
 * @throws ExchangeNotFoundError, UnroutableError, MessageTooLargeError, InvalidRequestError, UploadNotFoundError
 */
export async function preparePublish(
  exchange: string,
  outgoing: readonly ExchangeMessage[],
  services: Services,
  memberPath: (index: number, member: string) => string,
): Promise<PreparedPublish> {
  const topology = await topologyFor(exchange, services);
  const exchangeName = exchangeApiName(exchange);

  const routes = outgoing.map((message, index) => {
    const { queues } = topology.route({ exchange, routingKey: message.routingKey, headers: message.headers });
    if (message.mandatory && queues.length === 0) {
      services.metrics.count(Metrics.exchangeReturned, { kind: 'exchange', name: exchangeName });
      throw new UnroutableError(index, exchangeName, message.routingKey, message.messageId);
    }
    return queues;
  });
  const targets = outgoing.map((message, index) => topology.targetsOf(routes[index]!, message.properties.priority));
  assertNoFifoDelays(
    outgoing,
    (index) => targets[index]!.some((target) => isFifoQueueUrl(target.queueUrl)),
    (index) => memberPath(index, 'delaySeconds'),
  );
  const uploads = await services.payloads.sizeUploads(uploadIdsOf(outgoing));
  const sealed = sealMessages(outgoing, {
    publishedAt: services.now().toISOString(),
    limit: MAX_FAN_OUT_MESSAGE_BYTES,
    sizeOf: (body, index) => fanOutMessageBytes(body, targets[index]!.map((target) => target.targetId)),
    properties: (message) => ({ exchange: exchangeName, routingKey: message.routingKey, ...message.properties }),
    claimBucket: services.payloads.bucket,
    uploads,
  });
  const routed = sealed.map(({ id, body }, index) => {
    const { delaySeconds, groupId, routingKey } = outgoing[index]!;
    return { body, targets: targets[index]!, delaySeconds, groupId: exchangeGroupId(groupId, routingKey), deduplicationId: sqsIdFor(id) };
  });
  return { exchange: exchangeName, sealed, routed, queues: routes };
}

/**
 * Hands each prepared message over once, whatever the number of its queues (see deliverRouted),
 * after storing the payloads too large for SNS: one object per message, shared by all its copies.
 * @throws PublishIncompleteError unless every queue is sure to get its copy
 */
export async function deliverPublish(prepared: PreparedPublish, services: Services): Promise<PublishResult[]> {
  const { sealed, routed } = prepared;
  await services.payloads.store(sealed.map(({ claim }) => claim));
  const accepted = await deliverRouted(routed, services);
  countPublished(prepared, accepted, services);
  assertAllPublished(sealed, accepted);
  return sealed.map(({ id }, index) => ({ messageId: id, routedTo: routed[index]!.targets.length }));
}

/** Counts the messages the exchange took (unroutable ones included) and the copies each queue got. */
function countPublished({ exchange, queues }: PreparedPublish, accepted: readonly boolean[], { metrics }: Services): void {
  const taken = queues.filter((_, index) => accepted[index]);
  const resource = { kind: 'exchange', name: exchange } as const;
  metrics.count(Metrics.exchangePublished, resource, taken.length);
  metrics.count(Metrics.exchangeUnroutable, resource, taken.filter((reached) => reached.length === 0).length);
  metrics.count(Metrics.exchangeRoutedCopies, resource, taken.reduce((sum, reached) => sum + reached.length, 0));
  for (const queue of taken.flat()) metrics.count(Metrics.queuePublished, { kind: 'queue', name: queue });
}
