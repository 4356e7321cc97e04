import type { SettingDifference } from '../problems/index.ts';

/** A stream's declared settings. Partitions may grow by redeclaration; retention is fixed. */
export interface StreamSettings {
  readonly partitions: number;
  readonly retentionHours: number;
}

export const streamSettingRanges = {
  partitions: { min: 1, max: 1024 },
  // One year at most; Kafka's default retention is 168 hours.
  retentionHours: { min: 1, max: 8760, default: 168 },
} as const;

export const retentionMs = (settings: StreamSettings): number => settings.retentionHours * 3_600_000;

/** Settings that a redeclaration must repeat exactly; partitions are compared on their own. */
export function fixedSettingDifferences(existing: StreamSettings, requested: StreamSettings): SettingDifference[] {
  return existing.retentionHours === requested.retentionHours
    ? []
    : [{ setting: 'retentionHours', existing: existing.retentionHours, requested: requested.retentionHours }];
}
