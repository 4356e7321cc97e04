import * as z from 'zod/mini';
import type { SettingDifference } from '../problems/index.ts';
import { integerIn } from '../schemas/numbers.ts';
import { streamSettingRanges } from '../streams/stream-settings.ts';

/**
 * An event store's settings, all fixed once declared: its log's partition count (an event stream's
 * partition is a hash of its id over it, so it may never change) and, optionally, how many events
 * after the latest snapshot make `GET …/state` say a new one is due.
 */
export interface StoreSettings {
  readonly partitions: number;
  readonly snapshotEvery?: number | undefined;
}

const { partitions } = streamSettingRanges;

/** Body of `PUT /v1/event-stores/{store}`. */
export const declareStoreBodySchema = z.strictObject({
  partitions: z._default(integerIn(partitions.min, partitions.max), 4),
  snapshotEvery: z.optional(integerIn(1, 100_000)),
}) satisfies z.ZodMiniType<StoreSettings, unknown>;

/** The settings a redeclaration asked to change. */
export function storeSettingDifferences(existing: StoreSettings, requested: StoreSettings): SettingDifference[] {
  const fields = ['partitions', 'snapshotEvery'] as const;
  return fields
    .filter((field) => existing[field] !== requested[field])
    .map((setting) => ({ setting, existing: existing[setting] ?? null, requested: requested[setting] ?? null }));
}
