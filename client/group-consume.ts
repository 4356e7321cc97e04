import { PostroomError } from './problem-error.ts';
import { backoffMs, defaultRetryOptions, sleep } from './retry.ts';
import type { GroupClient } from './streams.ts';
import type { Member, Offset, PolledRecord } from './types.ts';

export type RecordHandler = (record: PolledRecord, context: { readonly signal: AbortSignal }) => unknown;

export interface GroupConsumeOptions {
  /** Stops the loop: the record in hand is finished and committed, then the member leaves the group. */
  readonly signal: AbortSignal;
  /**
   * The member's session: without a heartbeat for this long, the group drops it (6000..300000).
   * @default 30000
   */
  readonly sessionTimeoutMs?: number;
  /**
   * Records per poll at most (1..1000).
   * @default 100
   */
  readonly maxRecords?: number;
  /**
   * Milliseconds to wait before polling again after a poll that found nothing.
   * @default 1000
   */
  readonly idleMs?: number;
  /**
   * Called with what a handler threw (its partition is read again from that record after a
   * backoff) and with a failed heartbeat.
   * @default console.error
   */
  readonly onError?: (error: unknown, record?: PolledRecord) => void;
}

export interface GroupConsumeSummary {
  readonly memberId: string;
  /** Records whose handler succeeded and whose offsets were committed. */
  readonly committed: number;
}

const DEFAULT_SESSION_TIMEOUT_MS = 30_000;

/** Codes after which the member joins again (with its id) to learn the current generation. */
const rejoin = (error: unknown) => error instanceof PostroomError && ['stale_generation', 'member_not_found'].includes(error.code);

/**
 * The loop of `group.consume`, a Kafka consumer's: join, heartbeat at a third of the session
 * timeout, poll the assigned partitions, run the handler on each record in order and commit after
 * it, join again on a new generation, and leave on abort. At least once: records handled but not
 * committed (a rebalance, a crash) are handled again by their next owner.
 */
export async function consumeGroup(group: GroupClient, handler: RecordHandler, options: GroupConsumeOptions): Promise<GroupConsumeSummary> {
  const { signal, maxRecords = 100, idleMs = 1000, onError = console.error } = options;
  const sessionTimeoutMs = options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
  let member: Member = await group.join({ sessionTimeoutMs });
  const heartbeat = setInterval(() => {
    group.heartbeat(member.memberId, member.generation).then(
      (current) => void (member = current),
      // A new generation is learnt by the loop, whose next poll gets the same answer.
      (error: unknown) => {
        if (!rejoin(error)) onError(error);
      },
    );
  }, sessionTimeoutMs / 3);
  let committed = 0;
  let failures = 0;
  try {
    while (!signal.aborted) {
      try {
        const { records, generation } = await group.poll(member.memberId, member.generation, { maxRecords });
        if (records.length === 0) {
          await sleep(idleMs, signal).catch(() => {});
          continue;
        }
        const { offsets, failed } = await handleInOrder(records, handler, signal, onError);
        if (offsets.length > 0) {
          await group.commit(offsets, { memberId: member.memberId, generation });
          committed += records.filter((record) => offsets.some((offset) => offset.partition === record.partition && record.offset < offset.offset)).length;
        }
        failures = failed ? failures + 1 : 0;
        if (failed) await sleep(backoffMs(failures, defaultRetryOptions), signal).catch(() => {});
      } catch (error) {
        if (!rejoin(error)) throw error;
        member = await group.join({ memberId: member.memberId, sessionTimeoutMs });
      }
    }
  } finally {
    clearInterval(heartbeat);
    // A member the group already dropped (its session expired) has nothing to leave.
    await group.leave(member.memberId).catch((error: unknown) => {
      if (!(error instanceof PostroomError && error.code === 'member_not_found')) onError(error);
    });
  }
  return { memberId: member.memberId, committed };
}

/**
 * Runs the handler on each record, in order per partition, and returns the offsets to commit
 * (the next to read). A partition stops at its first failure, so that it is read again from there;
 * an abort stops before the next record.
 */
async function handleInOrder(records: readonly PolledRecord[], handler: RecordHandler, signal: AbortSignal, onError: (error: unknown, record?: PolledRecord) => void) {
  const next = new Map<number, number>();
  const stopped = new Set<number>();
  for (const record of records) {
    if (signal.aborted) break;
    if (stopped.has(record.partition)) continue;
    try {
      await handler(record, { signal });
      next.set(record.partition, record.offset + 1);
    } catch (error) {
      onError(error, record);
      stopped.add(record.partition);
    }
  }
  const offsets: Offset[] = [...next].map(([partition, offset]) => ({ partition, offset }));
  return { offsets, failed: stopped.size > 0 };
}
