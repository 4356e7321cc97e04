import { addDeath, type DeathReason } from './death-history.ts';
import type { Envelope, OpenedMessage } from './envelope.ts';
import type { QueueSettings } from './queue-settings.ts';
import { DEFAULT_EXCHANGE_ALIAS } from './exchanges/exchange-names.ts';

/**
 * Where a message was first published. A direct queue publish is RabbitMQ's publish to the
 * default exchange with the queue's name as routing key.
 */
export function originalPublish(message: OpenedMessage, queue: string): { exchange: string; routingKey: string } {
  return { exchange: message.properties.exchange ?? DEFAULT_EXCHANGE_ALIAS, routingKey: message.properties.routingKey ?? queue };
}

/** The routing key a message dying in `queue` is republished with: the queue's, else its own. */
export function deadLetterRoutingKey(settings: QueueSettings, message: OpenedMessage, queue: string): string {
  return settings.deadLetterRoutingKey ?? originalPublish(message, queue).routingKey;
}

export interface Death {
  readonly queue: string;
  readonly reason: DeathReason;
  readonly at: Date;
  readonly deliveryCount: number;
}

/**
 * The envelope a dying message is republished in: its id, time, headers, body and original
 * exchange and routing key, with the death added to its history. As RabbitMQ does, the per-message
 * TTL is removed, so that it does not expire again in the queues it is routed to.
 */
export function deadLetteredEnvelope(message: OpenedMessage, death: Death): Envelope {
  const { expirationMs: _expirationMs, expiresAt: _expiresAt, deaths = [], ...kept } = message.properties;
  const origin = originalPublish(message, death.queue);
  return {
    id: message.messageId,
    publishedAt: message.publishedAt ?? death.at.toISOString(),
    headers: message.headers,
    payload: message.payload,
    properties: {
      ...kept,
      deaths: addDeath(deaths, {
        queue: death.queue,
        reason: death.reason,
        time: death.at.toISOString(),
        exchange: origin.exchange,
        routingKeys: [origin.routingKey],
        deliveryCount: death.deliveryCount,
      }),
    },
  };
}
