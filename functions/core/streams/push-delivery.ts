import type { ReadRecord } from './read-slice.ts';

/**
 * How one delivery of records to a consumer function ended. `failedOffset` is the first record the
 * function reported as failed (its `batchItemFailures`); the records before it succeeded.
 */
export type DeliveryResult = { readonly ok: true } | { readonly ok: false; readonly error: string; readonly failedOffset?: number };

export interface PushDeliverySettings {
  /** Most records handed to the function at once. */
  readonly batchSize: number;
  /** Failed deliveries of one record before it goes to the dead letters. */
  readonly maxAttempts: number;
}

/** What delivery does to the world; the dispatcher gives AWS, unit tests give fakes. */
export interface PushDeliveryEffects {
  deliver(records: readonly ReadRecord[]): Promise<DeliveryResult>;
  deadLetter(record: ReadRecord, attempts: number, error: string): Promise<void>;
  /** Commits the group's offset: the next offset to deliver. */
  commit(nextOffset: number): Promise<void>;
  /** Waits before the next attempt at a record that failed `attempts` times. */
  pause(attempts: number): Promise<void>;
  /** True when there is no time left for another delivery. */
  outOfTime(): boolean;
}

/**
 * Delivers consecutive records of one partition in order, committing after each success. A failure
 * is charged to a record only when it is known to be that record's: the one the function reported
 * first, or the only one delivered; a batch that failed without saying where is delivered again
 * one record at a time to find the culprit, so the records before it are not dead-lettered for it.
 * A record charged `maxAttempts` failures goes to the dead letters and the partition moves on.
 * @returns false when time ran out first; the records from the committed offset on are still due
 */
export async function pushRecords(records: readonly ReadRecord[], settings: PushDeliverySettings, effects: PushDeliveryEffects): Promise<boolean> {
  let next = 0;
  let attempts = 0;
  let singlyUntil = 0;
  while (next < records.length) {
    if (effects.outOfTime()) return false;
    const batch = records.slice(next, next + (next < singlyUntil ? 1 : settings.batchSize));
    const result = await effects.deliver(batch);
    if (result.ok) {
      next += batch.length;
      attempts = 0;
      await effects.commit(records[next - 1]!.offset + 1);
      continue;
    }
    const failedAt = batch.length === 1 ? 0 : batch.findIndex((record) => record.offset === result.failedOffset);
    if (failedAt === -1) {
      singlyUntil = next + batch.length;
      continue;
    }
    if (failedAt > 0) {
      next += failedAt;
      attempts = 0;
      await effects.commit(records[next]!.offset);
    }
    attempts += 1;
    if (attempts < settings.maxAttempts) {
      await effects.pause(attempts);
      continue;
    }
    await effects.deadLetter(records[next]!, attempts, result.error);
    next += 1;
    attempts = 0;
    await effects.commit(records[next - 1]!.offset + 1);
  }
  return true;
}
