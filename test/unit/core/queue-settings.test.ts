import { describe, expect, it } from 'vitest';
import { settingsDifferences, settingsFromSqs, sqsMaxReceiveCount, type QueueSettings } from '../../../functions/core/queue-settings.ts';

const settings: QueueSettings = { maxDeliveries: 5, visibilityTimeoutSeconds: 30, retentionSeconds: 345_600, delaySeconds: 0 };

describe('settingsDifferences', () => {
  it('finds none between equal settings', () => {
    expect(settingsDifferences(settings, { ...settings })).toEqual([]);
  });

  it('lists each differing setting with both values, in a fixed order', () => {
    const requested = { ...settings, delaySeconds: 10, maxDeliveries: 3 };

    expect(settingsDifferences(settings, requested)).toEqual([
      { setting: 'maxDeliveries', existing: 5, requested: 3 },
      { setting: 'delaySeconds', existing: 0, requested: 10 },
    ]);
  });
});

describe('dead-letter exchange and TTL settings', () => {
  it('compares them too, an unset one as null', () => {
    const existing = { ...settings, deadLetterExchange: 'dlx', messageTtlMs: 500 };
    const requested = { ...settings, deadLetterExchange: 'other', deadLetterRoutingKey: 'k' };

    expect(settingsDifferences(existing, requested)).toEqual([
      { setting: 'deadLetterExchange', existing: 'dlx', requested: 'other' },
      { setting: 'deadLetterRoutingKey', existing: null, requested: 'k' },
      { setting: 'messageTtlMs', existing: 500, requested: null },
    ]);
  });

  it('lets SQS redrive one receive later with a dead-letter exchange, so Postroom sees the message first', () => {
    expect(sqsMaxReceiveCount(settings)).toBe(5);
    expect(sqsMaxReceiveCount({ ...settings, deadLetterExchange: 'dlx' })).toBe(6);
  });

  it('reads maxDeliveries back from maxReceiveCount as the requested settings would have set it', () => {
    const sqs = { maxReceiveCount: 6, visibilityTimeoutSeconds: 10, retentionSeconds: 60, delaySeconds: 0 };

    expect(settingsFromSqs(sqs, { ...settings, deadLetterExchange: 'dlx' })).toEqual({ ...settings, deadLetterExchange: 'dlx', maxDeliveries: 5, visibilityTimeoutSeconds: 10, retentionSeconds: 60 });
    expect(settingsFromSqs(sqs, settings).maxDeliveries).toBe(6);
  });
});
