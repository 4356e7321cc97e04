import { describe, expect, it } from 'vitest';
import { fateOf } from '../../../functions/core/delivery-fate.ts';
import { expiryProperties, expiryTime } from '../../../functions/core/message-expiry.ts';
import type { QueueSettings } from '../../../functions/core/queue-settings.ts';

const settings: QueueSettings = { maxDeliveries: 2, visibilityTimeoutSeconds: 30, retentionSeconds: 345_600, delaySeconds: 0 };

describe('expiryTime', () => {
  it('never expires without a TTL', () => {
    expect(expiryTime(1_000, undefined, undefined)).toBeUndefined();
  });

  it('takes the lower of the message TTL and the queue TTL, as RabbitMQ does', () => {
    expect(expiryTime(1_000, 300, undefined)).toBe(1_300);
    expect(expiryTime(1_000, undefined, 500)).toBe(1_500);
    expect(expiryTime(1_000, 300, 500)).toBe(1_300);
    expect(expiryTime(1_000, 800, 500)).toBe(1_500);
  });
});

describe('expiryProperties', () => {
  it('records the TTL and the time it ends for consumers reading SQS directly', () => {
    expect(expiryProperties(1_500, '2026-01-02T03:04:05.000Z')).toEqual({ expirationMs: 1_500, expiresAt: '2026-01-02T03:04:06.500Z' });
    expect(expiryProperties(undefined, '2026-01-02T03:04:05.000Z')).toEqual({});
  });
});

describe('fateOf', () => {
  const fresh = { enqueuedAt: 1_000, receiveCount: 1, expirationMs: undefined };

  it('delivers a message before its expiry and expires it from then on', () => {
    expect(fateOf({ ...fresh, expirationMs: 100 }, settings, 1_099)).toBe('deliver');
    expect(fateOf({ ...fresh, expirationMs: 100 }, settings, 1_100)).toBe('expired');
    expect(fateOf(fresh, { ...settings, messageTtlMs: 50 }, 1_050)).toBe('expired');
  });

  it('catches a message past maxDeliveries only on a queue with a dead-letter exchange', () => {
    const third = { ...fresh, receiveCount: 3 };

    expect(fateOf({ ...fresh, receiveCount: 2 }, { ...settings, deadLetterExchange: 'dlx' }, 1_000)).toBe('deliver');
    expect(fateOf(third, { ...settings, deadLetterExchange: 'dlx' }, 1_000)).toBe('delivery_limit');
    expect(fateOf(third, settings, 1_000)).toBe('deliver');
  });

  it('lets expiry win over the delivery limit', () => {
    expect(fateOf({ ...fresh, receiveCount: 3, expirationMs: 1 }, { ...settings, deadLetterExchange: 'dlx' }, 2_000)).toBe('expired');
  });
});
