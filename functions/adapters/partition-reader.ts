import { mapWithConcurrency } from '../core/concurrency.ts';
import { partitionKey } from '../core/streams/log-keys.ts';
import { isRetained } from '../core/streams/log-time.ts';
import { firstAcceptedOffset, type SegmentBounds, type SegmentProbes } from '../core/streams/offset-search.ts';
import { OffsetOutOfRangeError, StreamNotFoundError, type OffsetBounds } from '../core/problems/index.ts';
import { QUERY_PAGE_BYTES } from '../core/streams/limits.ts';
import { MAX_OFFSET } from '../core/streams/offsets.ts';
import { provenEnd, sliceRecords, type ReadRecord } from '../core/streams/read-slice.ts';
import { retentionMs } from '../core/streams/stream-settings.ts';
import type { PartitionTails, Tail } from './partition-tails.ts';
import type { SegmentStore } from './segment-store.ts';
import type { StreamDeclaration } from './stream-registry.ts';

export interface ReadResult {
  readonly records: ReadRecord[];
  readonly nextOffset: number;
  readonly highWatermark: number;
}

/** Partitions whose log start is searched at once (each search is one Query in the usual case). */
const SEARCH_CONCURRENCY = 16;

/** Segments whose bounds appendTime remembers per partition, the latest read first. */
const KNOWN_SEGMENTS_PER_PARTITION = 32;

/**
 * Reads partitions: records from an offset, and the offsets a reader can start from (the log
 * start, the first record at or after a time). Retention is enforced here, not by TTL: a segment
 * whose time has left the retention is never returned, deleted yet or not.
 */
export class PartitionReader {
  readonly #store: SegmentStore;
  readonly #tails: PartitionTails;
  readonly #now: () => number;
  /** Log starts found earlier: lower bounds forever, since a log start only moves forward. */
  readonly #logStarts = new Map<string, number>();
  /** Segment bounds appendTime read, by partition key: a segment's offsets and time never change. */
  readonly #knownSegments = new Map<string, SegmentBounds[]>();

  constructor(store: SegmentStore, tails: PartitionTails, now: () => number) {
    this.#store = store;
    this.#tails = tails;
    this.#now = now;
  }

  /** Every listed partition's end (high watermark), in the order given. */
  async highWatermarks(stream: StreamDeclaration, partitions: readonly number[]): Promise<number[]> {
    const keys = partitions.map((partition) => partitionKey(stream, partition));
    const tails = await this.#tails.getMany(keys);
    return keys.map((key) => {
      const tail = tails.get(key);
      if (tail === undefined) throw new StreamNotFoundError(stream.name);
      return tail.end;
    });
  }

  /** Every listed partition's log start and high watermark, in the order given. */
  async bounds(stream: StreamDeclaration, partitions: readonly number[]): Promise<OffsetBounds[]> {
    const ends = await this.highWatermarks(stream, partitions);
    return mapWithConcurrency(partitions, SEARCH_CONCURRENCY, async (partition, index) => ({
      logStartOffset: await this.logStartOffset(stream, partition, ends[index]!),
      highWatermark: ends[index]!,
    }));
  }

  /** The first offset whose record is still retained, or `end` when none is. */
  async logStartOffset(stream: StreamDeclaration, partition: number, end: number): Promise<number> {
    const key = partitionKey(stream, partition);
    const retained = this.#retention(stream);
    const start = await firstAcceptedOffset(this.#logStarts.get(key) ?? 0, end, this.#probes(key), retained);
    this.#logStarts.set(key, start);
    return start;
  }

  /** The first offset whose (retained) record was appended at or after `timestamp`, or `end` when none was: Kafka's offsets-for-times. */
  async offsetForTimestamp(stream: StreamDeclaration, partition: number, timestamp: number, end: number): Promise<number> {
    const key = partitionKey(stream, partition);
    const retained = this.#retention(stream);
    return firstAcceptedOffset(this.#logStarts.get(key) ?? 0, end, this.#probes(key), (segment) => retained(segment) && segment.timestamp >= timestamp);
  }

  /**
   * When the record at `offset` was appended (its segment's time): one strongly consistent Query of
   * one segment's bounds, none when a segment read before holds it (a consumer that has not moved,
   * or moved within a segment). Undefined when its segment is no longer stored (deleted by TTL, so
   * older than the retention).
   */
  async appendTime(stream: StreamDeclaration, partition: number, offset: number): Promise<number | undefined> {
    const key = partitionKey(stream, partition);
    const known = () => this.#knownSegments.get(key) ?? [];
    const holding = (segment: SegmentBounds) => segment.base <= offset && offset < segment.end;
    const remembered = known().find(holding);
    if (remembered) return remembered.timestamp;
    const segment = await this.#store.boundsHolding(key, offset);
    if (segment === undefined || !holding(segment)) return undefined;
    // What is known now: reads of the partition's other offsets may have finished meanwhile.
    this.#knownSegments.set(key, [segment, ...known()].slice(0, KNOWN_SEGMENTS_PER_PARTITION));
    return segment.timestamp;
  }

  /**
   * Up to `limit` records from `from` (at most `maxBytes`, at least one), with the high watermark.
   * The usual read, from where a previous one ended, is one strongly consistent Query of the
   * segments whose base lies in [from, from + limit - 1], one 1 MB page per MB of `maxBytes`; a read
   * that stops short of the end adds a read of the tail (one read unit) for the high watermark, and
   * one that starts inside a segment (a seek) adds a Query for that segment.
   * @throws OffsetOutOfRangeError when `from` is below the log start or above the high watermark
   */
  async read(stream: StreamDeclaration, partition: number, from: number, limit: number, maxBytes: number): Promise<ReadResult> {
    const key = partitionKey(stream, partition);
    // No offset lies beyond MAX_OFFSET; past it, `from + limit` is not even an exact number.
    const lastBase = Math.min(from + limit - 1, MAX_OFFSET);
    const forward = await this.#store.range(key, from, lastBase, Math.ceil(maxBytes / QUERY_PAGE_BYTES));
    let segments = forward.segments;
    let tail: Tail | undefined;
    if (segments[0]?.base !== from) {
      if (segments.length === 0) {
        tail = await this.#tails.get(stream, key);
        if (from === tail.end) return { records: [], nextOffset: from, highWatermark: from };
        if (from > tail.end) throw await this.#outOfRange(stream, partition, from, tail.end);
      }
      const head = await this.#store.holding(key, from);
      // Not stored although below the end: deleted by TTL, so expired.
      if (head === undefined || head.base + head.count <= from) throw await this.#outOfRange(stream, partition, from);
      segments = [head, ...segments];
    }
    if (!isRetained(segments[0]!.timestamp, retentionMs(stream.settings), this.#now())) throw await this.#outOfRange(stream, partition, from);

    const { records, nextOffset } = sliceRecords(segments, from, limit, maxBytes);
    const highWatermark = (forward.complete ? provenEnd(segments, lastBase) : undefined) ?? (tail ?? (await this.#tails.get(stream, key))).end;
    return { records, nextOffset, highWatermark };
  }

  #retention(stream: StreamDeclaration): (segment: SegmentBounds) => boolean {
    const retention = retentionMs(stream.settings);
    const now = this.#now();
    return (segment) => isRetained(segment.timestamp, retention, now);
  }

  #probes(key: string): SegmentProbes {
    return {
      firstFrom: (offset) => this.#store.boundsFrom(key, offset),
      holding: (offset) => this.#store.boundsHolding(key, offset),
    };
  }

  async #outOfRange(stream: StreamDeclaration, partition: number, offset: number, end?: number): Promise<OffsetOutOfRangeError> {
    const highWatermark = end ?? (await this.#tails.get(stream, partitionKey(stream, partition))).end;
    const logStartOffset = await this.logStartOffset(stream, partition, highWatermark);
    return new OffsetOutOfRangeError(partition, offset, { logStartOffset, highWatermark });
  }
}
