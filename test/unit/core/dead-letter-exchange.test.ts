import { describe, expect, it } from 'vitest';
import { deadLetteredEnvelope, deadLetterRoutingKey } from '../../../functions/core/dead-letter-exchange.ts';
import { addDeath, type DeathEntry } from '../../../functions/core/death-history.ts';
import { decodeEnvelope, encodeEnvelope, openMessage, type OpenedMessage } from '../../../functions/core/envelope.ts';
import type { QueueSettings } from '../../../functions/core/queue-settings.ts';

const settings: QueueSettings = { maxDeliveries: 5, visibilityTimeoutSeconds: 30, retentionSeconds: 345_600, delaySeconds: 0, deadLetterExchange: 'dlx' };
const direct: OpenedMessage = { messageId: 'm', publishedAt: '2026-01-02T03:04:05.000Z', headers: { h: 1 }, payload: { body: 'b' }, properties: {} };
const viaExchange: OpenedMessage = { ...direct, properties: { exchange: 'orders', routingKey: 'eu.created', expirationMs: 100, expiresAt: '2026-01-02T03:04:05.100Z' } };
const death = (queue: string, reason: DeathEntry['reason'], time: string) => ({ queue, reason, time, exchange: 'x', routingKeys: ['k'], deliveryCount: 1 });

describe('addDeath', () => {
  it('adds a death in a new queue or for a new reason at the front', () => {
    const once = addDeath([], death('a', 'rejected', 't1'));
    const twice = addDeath(once, death('b', 'expired', 't2'));

    expect(twice.map(({ queue, reason, count }) => [queue, reason, count])).toEqual([['b', 'expired', 1], ['a', 'rejected', 1]]);
  });

  it('increments the entry of the same queue and reason, updates its time and moves it to the front', () => {
    let history = addDeath([], death('a', 'rejected', 't1'));
    history = addDeath(history, death('b', 'rejected', 't2'));
    history = addDeath(history, death('a', 'rejected', 't3'));

    expect(history.map(({ queue, count, time }) => [queue, count, time])).toEqual([['a', 2, 't3'], ['b', 1, 't2']]);
  });
});

describe('deadLetterRoutingKey', () => {
  it("uses the queue's dead-letter routing key when set", () => {
    expect(deadLetterRoutingKey({ ...settings, deadLetterRoutingKey: 'dead' }, viaExchange, 'q')).toBe('dead');
    expect(deadLetterRoutingKey({ ...settings, deadLetterRoutingKey: '' }, viaExchange, 'q')).toBe('');
  });

  it("else the message's own: its routing key, or the queue's name for a direct publish (the default exchange's)", () => {
    expect(deadLetterRoutingKey(settings, viaExchange, 'q')).toBe('eu.created');
    expect(deadLetterRoutingKey(settings, direct, 'q')).toBe('q');
  });
});

describe('deadLetteredEnvelope', () => {
  const at = new Date('2026-01-02T03:05:00.000Z');

  it('keeps the message and its original publish, adds the death, and drops the per-message TTL', () => {
    const envelope = deadLetteredEnvelope(viaExchange, { queue: 'q', reason: 'expired', at, deliveryCount: 0 });

    expect(envelope).toEqual({
      id: 'm',
      publishedAt: direct.publishedAt,
      headers: { h: 1 },
      payload: { body: 'b' },
      properties: {
        exchange: 'orders',
        routingKey: 'eu.created',
        deaths: [{ queue: 'q', reason: 'expired', count: 1, time: at.toISOString(), exchange: 'orders', routingKeys: ['eu.created'], deliveryCount: 0 }],
      },
    });
  });

  it('records a direct publish as the default exchange with the queue name, and survives the SQS round trip', () => {
    const first = encodeEnvelope(deadLetteredEnvelope(direct, { queue: 'q', reason: 'rejected', at, deliveryCount: 1 }));
    const again = deadLetteredEnvelope(openMessage(first, { messageId: 'sqs', publishedAt: null }), { queue: 'q', reason: 'rejected', at, deliveryCount: 3 });

    expect(decodeEnvelope(first)?.properties?.deaths).toEqual([
      { queue: 'q', reason: 'rejected', count: 1, time: at.toISOString(), exchange: 'amq.default', routingKeys: ['q'], deliveryCount: 1 },
    ]);
    expect(again.properties?.deaths).toEqual([expect.objectContaining({ count: 2, deliveryCount: 3 })]);
  });
});
