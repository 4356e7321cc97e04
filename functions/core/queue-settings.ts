import type { SettingDifference } from './problems.ts';

/** A queue's declared settings; a redeclaration must repeat them exactly (after defaults). */
export interface QueueSettings {
  /** Deliveries before SQS moves a message to the dead-letter queue (its maxReceiveCount). */
  readonly maxDeliveries: number;
  readonly visibilityTimeoutSeconds: number;
  readonly retentionSeconds: number;
  readonly delaySeconds: number;
}

/** Each setting's range and default, in the order they are reported. */
export const queueSettingRanges = {
  maxDeliveries: { min: 1, max: 1000, default: 5 },
  visibilityTimeoutSeconds: { min: 0, max: 43_200, default: 30 },
  retentionSeconds: { min: 60, max: 1_209_600, default: 345_600 },
  delaySeconds: { min: 0, max: 900, default: 0 },
} as const satisfies Record<keyof QueueSettings, { min: number; max: number; default: number }>;

const settingNames = Object.keys(queueSettingRanges) as (keyof QueueSettings)[];

/** The settings whose values differ, empty when the two declarations are equivalent. */
export function settingsDifferences(existing: QueueSettings, requested: QueueSettings): SettingDifference[] {
  return settingNames
    .filter((setting) => existing[setting] !== requested[setting])
    .map((setting) => ({ setting, existing: existing[setting], requested: requested[setting] }));
}
