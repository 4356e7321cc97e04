import { describe, expect, it } from 'vitest';
import { exchangeSettingsDifferences } from '../../../../functions/core/exchanges/exchange-declaration.ts';

describe('exchangeSettingsDifferences', () => {
  it('finds none between equal declarations', () => {
    expect(exchangeSettingsDifferences({ type: 'topic', alternateExchange: 'ae' }, { type: 'topic', alternateExchange: 'ae' })).toEqual([]);
  });

  it('names each differing setting, an absent alternate exchange as null', () => {
    expect(exchangeSettingsDifferences({ type: 'topic' }, { type: 'direct', alternateExchange: 'ae' })).toEqual([
      { setting: 'type', existing: 'topic', requested: 'direct' },
      { setting: 'alternateExchange', existing: null, requested: 'ae' },
    ]);
  });
});
