import { constants, brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync, zstdCompressSync, zstdDecompressSync } from 'node:zlib';
import { marshall } from '@aws-sdk/util-dynamodb';
import { toSegmentItem } from '../functions/adapters/segment-store.ts';
import { itemBytes, writeUnits, type DynamoItem } from '../functions/core/dynamodb-item-size.ts';
import { SEGMENT_CAPACITY_BYTES } from '../functions/core/streams/limits.ts';
import { partitionKey } from '../functions/core/streams/log-keys.ts';
import { sliceRecords, type StoredSegment } from '../functions/core/streams/read-slice.ts';
import { joinRecords, packRecord, type PackedRecord } from '../functions/core/streams/record-codec.ts';
import { compressRecords } from '../functions/core/streams/segment-compression.ts';
import { planSegments, type SegmentDraft } from '../functions/core/streams/segments.ts';
import { eventValues, randomValues } from '../testing/sample-records.ts';

/** A codec at a level, as a candidate for segments; `none` is the text segments were stored as before. */
interface Candidate {
  readonly name: string;
  readonly codec?: string;
  readonly compress: (text: Buffer) => Uint8Array;
  readonly decompress: (bytes: Uint8Array) => Uint8Array;
}

const zstd = (level: number): Candidate => ({
  name: `zstd ${level}`,
  codec: 'zstd',
  compress: (text) => zstdCompressSync(text, { params: { [constants.ZSTD_c_compressionLevel]: level } }),
  decompress: (bytes) => zstdDecompressSync(bytes),
});
const gzip = (level: number): Candidate => ({ name: `gzip ${level}`, codec: 'gzip', compress: (text) => gzipSync(text, { level }), decompress: (bytes) => gunzipSync(bytes) });
const brotli = (quality: number): Candidate => ({
  name: `brotli ${quality}`,
  codec: 'br',
  compress: (text) => brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: text.byteLength } }),
  decompress: (bytes) => brotliDecompressSync(bytes),
});
const none: Candidate = { name: 'none (before)', compress: (text) => text, decompress: (bytes) => bytes };

export const CANDIDATES: readonly Candidate[] = [none, gzip(1), gzip(6), gzip(9), brotli(1), brotli(4), brotli(6), brotli(9), brotli(11), zstd(1), zstd(3), zstd(9), zstd(19)];

/** One transactional append also moves the partition's tail, an item under 1 KB. */
const TAIL_WRITE_UNITS = writeUnits(0, { transactional: true });
const PARTITION_KEY = partitionKey({ name: 'orders', incarnation: 'f'.repeat(12) }, 0);
const TIMESTAMP = 1_764_578_475_000;

export interface CodecCost {
  readonly candidate: string;
  readonly payload: 'events' | 'random';
  readonly perRequest: number;
  /** Packed record bytes over stored record bytes. */
  readonly ratio: number;
  /** Of one transactional append of the request: its segments and the tail. */
  readonly wcuPerRecord: number;
  readonly compressMicros: number;
  readonly decompressMicros: number;
}

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/**
 * CPU microseconds of this process per call of `work`, after a warm-up, over repeats of at least
 * 30 ms of CPU: CPU time rather than wall time, since other processes share the machine.
 */
function micros(work: () => unknown): number {
  work();
  let runs = 0;
  const start = cpuMicros();
  while (cpuMicros() - start < 30_000) {
    work();
    runs++;
  }
  return (cpuMicros() - start) / runs;
}

/** A segment item as `candidate` would store it, sized as DynamoDB sizes it. */
function candidateItemBytes(segment: SegmentDraft, candidate: Candidate, stored: Uint8Array): number {
  const { pk, sk, n, ts, expiresAt } = toSegmentItem(PARTITION_KEY, segment, TIMESTAMP, 9_999_999_999);
  const records = candidate.codec === undefined ? { r: joinRecords(segment.records) } : { r: stored, c: candidate.codec };
  return itemBytes(marshall({ pk, sk, n, ts, ...records, expiresAt }) as DynamoItem);
}

function codecCost(candidate: Candidate, payload: CodecCost['payload'], records: readonly PackedRecord[]): CodecCost {
  const segments = planSegments(records, 1_000_000);
  const texts = segments.map((segment) => Buffer.from(joinRecords(segment.records)));
  const stored = texts.map((text) => candidate.compress(text));
  const units = segments.reduce((total, segment, index) => total + writeUnits(candidateItemBytes(segment, candidate, stored[index]!), { transactional: true }), TAIL_WRITE_UNITS);
  const total = (sizes: readonly Uint8Array[]) => sizes.reduce((sum, bytes) => sum + bytes.byteLength, 0);
  return {
    candidate: candidate.name,
    payload,
    perRequest: records.length,
    ratio: total(texts) / total(stored),
    wcuPerRecord: units / records.length,
    compressMicros: micros(() => texts.forEach((text) => candidate.compress(text))) / records.length,
    decompressMicros: micros(() => stored.forEach((bytes) => candidate.decompress(bytes))) / records.length,
  };
}

const packed = (values: readonly unknown[]) => values.map((value) => packRecord({ key: null, value, headers: {} }));

/** Every candidate on ~100-byte event records and on random base64 values, in requests of 1, 100 and 500. */
export function codecCosts(): CodecCost[] {
  const payloads = { events: eventValues(500), random: randomValues(500) } as const;
  return CANDIDATES.flatMap((candidate) =>
    (['events', 'random'] as const).flatMap((payload) => [1, 100, 500].map((perRequest) => codecCost(candidate, payload, packed(payloads[payload].slice(0, perRequest))))),
  );
}

export interface CapacityChoice {
  readonly records: number;
  readonly packedBytes: number;
  /** The capacity counts packed bytes (as before): segments of ≤ 399 KB of text, each compressed. */
  readonly before: { readonly segments: number; readonly writeUnits: number; readonly largestText: number };
  /** The capacity counts compressed bytes: as many records per item as fit 399 KB compressed (here: all). */
  readonly after: { readonly segments: number; readonly writeUnits: number; readonly largestText: number };
}

/**
 * Whether the segment capacity should count bytes before or after compression, on the request where
 * it matters: one partition's share of a large request, 250 records of ~8 KB (arrays of 75 events,
 * 2 MB, which compresses into one item). Below 399 KB per request and partition, every request is
 * one segment either way.
 */
export function capacityChoice(): CapacityChoice {
  const events = eventValues(75 * 250);
  const records = packed(Array.from({ length: 250 }, (_, index) => events.slice(index * 75, index * 75 + 75)));
  const before = planSegments(records, 0);
  const whole: SegmentDraft = { base: 0, records };
  const unitsOf = (segments: readonly SegmentDraft[]) =>
    segments.reduce((total, segment) => total + writeUnits(itemBytes(marshall(toSegmentItem(PARTITION_KEY, segment, TIMESTAMP, 0)) as DynamoItem), { transactional: true }), TAIL_WRITE_UNITS);
  const largest = (segments: readonly SegmentDraft[]) => Math.max(...segments.map((segment) => Buffer.byteLength(joinRecords(segment.records))));
  const wholeStored = compressRecords(joinRecords(records));
  if (typeof wholeStored === 'string' || wholeStored.bytes.byteLength > SEGMENT_CAPACITY_BYTES) throw new Error('the whole request does not fit one compressed item');
  return {
    records: records.length,
    packedBytes: Buffer.byteLength(joinRecords(records)),
    before: { segments: before.length, writeUnits: unitsOf(before), largestText: largest(before) },
    after: { segments: 1, writeUnits: unitsOf([whole]), largestText: largest([whole]) },
  };
}

export interface DecodeThroughput {
  readonly stored: string;
  readonly megabytesPerSecond: number;
}

/**
 * The read path's own CPU per MB (records out of segments: decompress, parse, slice), on 1 MB of
 * ~100-byte event records in segments of 100, stored as text (before) and compressed (now).
 */
export function decodeThroughput(): DecodeThroughput[] {
  const records = packed(eventValues(10_000));
  const drafts = Array.from({ length: 100 }, (_, index): SegmentDraft => ({ base: index * 100, records: records.slice(index * 100, index * 100 + 100) }));
  const bytes = records.reduce((sum, record) => sum + record.bytes, 0);
  const stored = (compress: boolean) =>
    drafts.map((draft): StoredSegment => {
      const text = joinRecords(draft.records);
      return { base: draft.base, count: draft.records.length, timestamp: TIMESTAMP, records: compress ? compressRecords(text) : text };
    });
  const [text, compressed] = [stored(false), stored(true)];
  // Interleaved, so that both see the same machine.
  const runs = [0, 1, 2].flatMap(() => [micros(() => readAll(text)), micros(() => readAll(compressed))]);
  const median = (values: number[]) => values.sort((a, b) => a - b)[1]!;
  return [
    { stored: 'text (before)', megabytesPerSecond: bytes / median(runs.filter((_, index) => index % 2 === 0)) },
    { stored: 'zstd 1 (now)', megabytesPerSecond: bytes / median(runs.filter((_, index) => index % 2 === 1)) },
  ];
}

/** Reads of 1,000 records (the largest) from offset 0 to the end, as the partition reader slices them. */
function readAll(segments: readonly StoredSegment[]): void {
  for (let from = 0; from < 10_000; from += 1000) sliceRecords(segments.slice(from / 100, from / 100 + 10), from, 1000, 4 * 1024 * 1024);
}
