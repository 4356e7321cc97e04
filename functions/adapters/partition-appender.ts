import { setTimeout as sleep } from 'node:timers/promises';
import { partitionKey } from '../core/streams/log-keys.ts';
import { appendTimestamp, expiresAtSeconds } from '../core/streams/log-time.ts';
import { AppendContendedError, OutOfOrderSequenceError, StreamNotFoundError } from '../core/problems/index.ts';
import { judgeSequence, PRODUCER_STATE_RETENTION_MS, type ProducerState } from '../core/streams/producer-sequence.ts';
import type { PackedRecord } from '../core/streams/record-codec.ts';
import { planSegments } from '../core/streams/segments.ts';
import { retentionMs } from '../core/streams/stream-settings.ts';
import type { PartitionTails, Tail } from './partition-tails.ts';
import type { TransactItem, SegmentStore } from './segment-store.ts';
import type { StreamDeclaration } from './stream-registry.ts';

/** Where an append landed: its first record's offset (the rest follow) and the time of all of them. */
export interface Appended {
  readonly baseOffset: number;
  readonly timestamp: number;
}

/** An idempotent producer's slice: the sequence of its first record and the state the check read. */
export interface ProducerSlice {
  readonly producerId: string;
  readonly key: string;
  readonly sequence: number;
  readonly previous: ProducerState | undefined;
}

/**
 * A companion write's condition failed, so nothing was appended: the state it guarded changed,
 * and its writer decides again. `item` is what the companion found, if it asked for it (ALL_OLD).
 */
export class CompanionRejectedError extends Error {
  readonly index: number;
  readonly item: Record<string, unknown> | null;

  constructor(index: number, item: Record<string, unknown> | null) {
    super(`companion write ${index} of an append failed its condition`);
    this.name = 'CompanionRejectedError';
    this.index = index;
    this.item = item;
  }
}

/** Full-jitter backoff after colliding with another transaction in flight, which tells nothing of the end. */
const BACKOFF_BASE_MS = 10;
const BACKOFF_CAP_MS = 250;

/**
 * Appends a request's records for one partition at the partition's end. The end comes from the
 * tail this warm container last saw (no read), or a consistent read when cold; a stale end makes
 * the conditional transaction fail, which returns the current tail, and the append is retried
 * there.
 */
export class PartitionAppender {
  readonly #store: SegmentStore;
  readonly #tails: PartitionTails;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #known = new Map<string, Tail>();

  constructor(store: SegmentStore, tails: PartitionTails, now: () => number, random: () => number = Math.random) {
    this.#store = store;
    this.#tails = tails;
    this.#now = now;
    this.#random = random;
  }

  /**
   * Keeps trying until `deadline` (epoch ms): each lost attempt means another append landed, so
   * contention costs time, never offsets; a producer that keeps losing gets 503 `append_contended`.
   * `companions` commit in the same transaction (see AppendPlan); when one's condition fails the
   * append stops with CompanionRejectedError.
   */
  async append(
    stream: StreamDeclaration,
    partition: number,
    records: readonly PackedRecord[],
    deadline: number,
    producer?: ProducerSlice,
    companions?: readonly TransactItem[],
  ): Promise<Appended> {
    const key = partitionKey(stream, partition);
    const retention = retentionMs(stream.settings);
    let tail = this.#known.get(key) ?? (await this.#tails.get(stream, key));
    let previous = producer?.previous;
    for (let attempt = 1; ; attempt++) {
      const timestamp = appendTimestamp(this.#now(), tail.timestamp);
      const segments = planSegments(records, tail.end);
      const outcome = await this.#store.append({
        partitionKey: key,
        expectedEnd: tail.end,
        segments,
        timestamp,
        expiresAt: expiresAtSeconds(timestamp, retention),
        producer: producer && {
          key: producer.key,
          previous,
          next: { firstSequence: producer.sequence, lastSequence: producer.sequence + records.length - 1, baseOffset: tail.end, timestamp },
          expiresAt: expiresAtSeconds(timestamp, PRODUCER_STATE_RETENTION_MS),
        },
        companions,
      });
      if (outcome.ok) {
        this.#known.set(key, { end: tail.end + records.length, timestamp });
        return { baseOffset: tail.end, timestamp };
      }
      if (producer && outcome.producer !== undefined) {
        // Another request of the same producer got in first (a client retrying while the first try was in flight).
        previous = outcome.producer ?? undefined;
        const verdict = judgeSequence(previous, producer.sequence, records.length);
        if (verdict.kind === 'duplicate') return { baseOffset: verdict.state.baseOffset, timestamp: verdict.state.timestamp };
        if (verdict.kind === 'outOfOrder') throw new OutOfOrderSequenceError(producer.producerId, partition, producer.sequence, verdict.expectedSequence);
      }
      if (outcome.companion) {
        if (outcome.tail) this.#known.set(key, outcome.tail);
        throw new CompanionRejectedError(outcome.companion.index, outcome.companion.item);
      }
      if (outcome.tail === null) {
        this.#known.delete(key);
        throw new StreamNotFoundError(stream.name);
      }
      if (this.#now() >= deadline) throw new AppendContendedError(stream.name, partition, attempt);
      if (outcome.tail) {
        // The cancellation returned the current end: try there at once, on equal terms with the
        // producer that just won (backing off would hand it the partition again and again).
        tail = outcome.tail;
      } else {
        await sleep(this.#random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1)));
        tail = await this.#tails.get(stream, key);
      }
      this.#known.set(key, tail);
    }
  }
}
