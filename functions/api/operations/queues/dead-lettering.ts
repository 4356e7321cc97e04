import { randomUUID } from 'node:crypto';
import type { EntryOutcome } from '../../../adapters/aws-batch.ts';
import type { QueueRecord } from '../../../adapters/queue-registry.ts';
import type { Rejection } from '../../../adapters/sqs-dead-letters.ts';
import { deadLetteredEnvelope, deadLetterRoutingKey } from '../../../core/dead-letter-exchange.ts';
import type { DeathReason } from '../../../core/death-history.ts';
import { encodeEnvelope, openMessage } from '../../../core/envelope.ts';
import { exchangeGroupId } from '../../../core/fifo.ts';
import { canonicalExchangeName } from '../../../core/exchanges/exchange-names.ts';
import { Metrics } from '../../../core/metrics/metric-catalogue.ts';
import type { Services } from '../../services.ts';
import { deliverRouted, type RoutedMessage } from '../exchanges/exchange-delivery.ts';

const notRepublished: EntryOutcome = { ok: false, code: 'service_unavailable', message: 'the dead-letter exchange could not take the message', senderFault: false };

/**
 * Disposes of messages that died in `queue` for `reason`, one outcome each. With a dead-letter
 * exchange, each is republished through it (the exchange publish path) with its death recorded,
 * THEN deleted: a crash in between duplicates a message, never loses one. Without one, a rejected
 * message moves to the queue's own dead-letter queue and an expired one is deleted, as RabbitMQ
 * drops it. (A delivery limit without a dead-letter exchange is SQS's redrive's to handle.)
 */
export async function deadLetter(queue: QueueRecord, dying: readonly Rejection[], reason: DeathReason, services: Services): Promise<EntryOutcome[]> {
  const outcomes = await dispose(queue, dying, reason, services);
  // An expired message without a dead-letter exchange is dropped, not dead-lettered.
  if (reason !== 'expired' || queue.settings.deadLetterExchange !== undefined) {
    services.metrics.count(Metrics.queueDeadLettered, { kind: 'queue', name: queue.name }, outcomes.filter((outcome) => outcome.ok).length);
  }
  return outcomes;
}

async function dispose(queue: QueueRecord, dying: readonly Rejection[], reason: DeathReason, services: Services): Promise<EntryOutcome[]> {
  const at = services.now();
  const exchange = queue.settings.deadLetterExchange;
  if (exchange === undefined) {
    if (reason === 'expired') return services.messages.delete(queue.queueUrl, dying.map((message) => message.receiptHandle));
    return services.deadLetters.reject(queue.queueUrl, queue.deadLetterQueueUrl, dying, at);
  }
  const routed = await routeThrough(canonicalExchangeName(exchange), queue, dying, reason, at, services);
  // The republished copies start a new stay in SQS: their payload objects must outlive it.
  await services.payloads.renew(routed.map(({ body }) => body));
  const accepted = await deliverRouted(routed, services);
  const republished = dying.flatMap((_, index) => (accepted[index] ? [index] : []));
  const deletions = await services.messages.delete(queue.queueUrl, republished.map((index) => dying[index]!.receiptHandle));
  const outcomes: EntryOutcome[] = dying.map(() => notRepublished);
  republished.forEach((index, position) => {
    outcomes[index] = deletions[position]!;
  });
  return outcomes;
}

/**
 * Each message in its dead-lettered envelope with the queues `exchange` (as the router names it)
 * routes it to, with the cached topology. An exchange that does not exist (yet) routes nowhere, so the
 * message is dropped, as in RabbitMQ.
 */
async function routeThrough(
  exchange: string,
  queue: QueueRecord,
  dying: readonly Rejection[],
  reason: DeathReason,
  at: Date,
  services: Services,
): Promise<RoutedMessage[]> {
  const topology = await services.topology.current();
  return dying.map(({ messageBody, deliveryCount }) => {
    // A message sent to SQS without Postroom has no envelope: it gets one, under a new id.
    const message = openMessage(messageBody, { messageId: randomUUID(), publishedAt: null });
    const envelope = deadLetteredEnvelope(message, { queue: queue.name, reason, at, deliveryCount });
    const routingKey = deadLetterRoutingKey(queue.settings, message, queue.name);
    const queues = topology.hasExchange(exchange) ? topology.route({ exchange, routingKey, headers: message.headers }).queues : [];
    return {
      body: encodeEnvelope(envelope),
      targets: topology.targetsOf(queues, message.properties.priority),
      delaySeconds: undefined,
      groupId: exchangeGroupId(undefined, routingKey),
    };
  });
}
