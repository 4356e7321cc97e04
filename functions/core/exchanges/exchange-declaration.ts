import type { ExchangeSettingDifference } from '../problems/index.ts';
import type { ExchangeDefinition } from '../routing/topology.ts';

/** The settings an exchange is declared with; a redeclaration must repeat them exactly. */
export type ExchangeSettings = ExchangeDefinition;

/** The settings whose values differ, empty when the two declarations are equivalent. */
export function exchangeSettingsDifferences(existing: ExchangeSettings, requested: ExchangeSettings): ExchangeSettingDifference[] {
  const settings = ['type', 'alternateExchange'] as const;
  return settings
    .filter((setting) => existing[setting] !== requested[setting])
    .map((setting) => ({ setting, existing: existing[setting] ?? null, requested: requested[setting] ?? null }));
}
