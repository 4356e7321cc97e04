import { describe, expect, it } from 'vitest';
import { settingsDifferences, type QueueSettings } from '../../../functions/core/queue-settings.ts';

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
