import { chunks, sendBatches, type BatchOptions } from './batches.ts';
import { consumeGroup, type GroupConsumeOptions, type GroupConsumeSummary, type RecordHandler } from './group-consume.ts';
import { idempotencyKey, ok, type RawClient } from './http.ts';
import type { Committed, Group, GroupSummary, Member, Offset, Polled, Produced, Records, ResetTarget, Stream, StreamDescription, StreamRecord, StreamSettings } from './types.ts';

/** The API's limit of records per produce request. */
export const MAX_RECORDS_PER_PRODUCE = 500;

export interface ReadOptions {
  /**
   * The first offset to read; see also `timestamp`.
   * @default the partition's log start
   */
  readonly offset?: number;
  /** Read from the first record at or after this time (ISO 8601) instead of an offset. */
  readonly timestamp?: string;
  /**
   * Records at most (1..1000).
   * @default 100
   */
  readonly max?: number;
  /**
   * Bytes of records at most.
   * @default 1048576
   */
  readonly maxBytes?: number;
}

/** `client.streams`: what concerns all streams. */
export class Streams {
  readonly #raw: RawClient;

  constructor(raw: RawClient) {
    this.#raw = raw;
  }

  /** The declared streams. */
  async list(): Promise<Stream[]> {
    return (await ok(this.#raw.GET('/v1/streams'))).streams;
  }
}

/**
 * One stream: `client.stream('clicks')`.
 *
 * @example
 * ```ts
 * const clicks = client.stream('clicks');
 * await clicks.declare({ partitions: 4 });
 * await clicks.produce([{ key: 'user-1', value: { page: '/' } }]);
 * const { records, nextOffset } = await clicks.read(0, { offset: 0 });
 * ```
 */
export class StreamClient {
  readonly #raw: RawClient;
  readonly name: string;

  constructor(raw: RawClient, name: string) {
    this.#raw = raw;
    this.name = name;
  }

  get #path() {
    return { params: { path: { name: this.name } } };
  }

  /** Declares the stream, or adds partitions to it (they never decrease). */
  async declare(settings: StreamSettings): Promise<Stream> {
    return ok(this.#raw.PUT('/v1/streams/{name}', { ...this.#path, body: settings }));
  }

  /** Its settings and each partition's log start and high watermark. */
  async describe(): Promise<StreamDescription> {
    return ok(this.#raw.GET('/v1/streams/{name}', this.#path));
  }

  /** Deletes it with its records and groups. */
  async delete(): Promise<void> {
    await ok(this.#raw.DELETE('/v1/streams/{name}', this.#path));
  }

  /**
   * Appends one record or a list, in requests of 500 with an Idempotency-Key each. Returns each
   * record's partition and offset, in order.
   */
  async produce(records: StreamRecord | readonly StreamRecord[], options: BatchOptions = {}): Promise<Produced> {
    const list = (Array.isArray(records) ? records : [records]) as readonly StreamRecord[];
    const results = await sendBatches(
      chunks(list, MAX_RECORDS_PER_PRODUCE),
      (batch) =>
        ok(
          this.#raw.POST('/v1/streams/{name}/records', {
            params: { path: { name: this.name }, header: { 'Idempotency-Key': idempotencyKey() } },
            body: { records: batch },
          }),
        ),
      options,
    );
    return { results: results.flatMap((result) => result.results) };
  }

  /** Reads a partition's records (Kafka fetch); read on from `nextOffset`. */
  async read(partition: number, options: ReadOptions = {}): Promise<Records> {
    const query = {
      ...(options.offset !== undefined && { offset: options.offset }),
      ...(options.timestamp !== undefined && { timestamp: options.timestamp }),
      ...(options.max !== undefined && { limit: options.max }),
      ...(options.maxBytes !== undefined && { maxBytes: options.maxBytes }),
    };
    return ok(this.#raw.GET('/v1/streams/{name}/partitions/{partition}/records', { params: { path: { name: this.name, partition: String(partition) }, query } }));
  }

  /** The stream's consumer groups with their lag. */
  async groups(): Promise<GroupSummary[]> {
    return (await ok(this.#raw.GET('/v1/streams/{name}/groups', this.#path))).groups;
  }

  /** One consumer group of the stream. */
  group(name: string): GroupClient {
    return new GroupClient(this.#raw, this.name, name);
  }
}

/** A consumer group: `client.stream('clicks').group('billing')`. */
export class GroupClient {
  readonly #raw: RawClient;
  readonly stream: string;
  readonly name: string;

  constructor(raw: RawClient, stream: string, name: string) {
    this.#raw = raw;
    this.stream = stream;
    this.name = name;
  }

  get #path() {
    return { params: { path: { name: this.stream, group: this.name } } };
  }

  #memberPath(memberId: string) {
    return { params: { path: { name: this.stream, group: this.name, member: memberId } } };
  }

  /** Its committed offsets, lag and members. */
  async describe(): Promise<Group> {
    return ok(this.#raw.GET('/v1/streams/{name}/groups/{group}', this.#path));
  }

  /** Commits offsets (the next record to read per partition); as a member, with its id and generation. */
  async commit(offsets: readonly Offset[], member: { readonly memberId: string; readonly generation: number } | undefined = undefined): Promise<Committed> {
    return ok(this.#raw.POST('/v1/streams/{name}/groups/{group}/offsets', { ...this.#path, body: { offsets: [...offsets], ...member } }));
  }

  /** Moves the group's offsets: `'earliest'`, `'latest'`, `{ timestamp }` or `{ offsets }`. */
  async reset(to: ResetTarget): Promise<Group> {
    return ok(this.#raw.POST('/v1/streams/{name}/groups/{group}/reset', { ...this.#path, body: { to } }));
  }

  /** Joins the group and gets partitions assigned (see also `consume`, which does it all). */
  async join(options: { readonly memberId?: string; readonly sessionTimeoutMs?: number } = {}): Promise<Member> {
    return ok(this.#raw.POST('/v1/streams/{name}/groups/{group}/members', { ...this.#path, body: options }));
  }

  /** Keeps a member alive; the answer has its current generation and assignment. */
  async heartbeat(memberId: string, generation: number): Promise<Member> {
    return ok(this.#raw.POST('/v1/streams/{name}/groups/{group}/members/{member}/heartbeat', { ...this.#memberPath(memberId), body: { generation } }));
  }

  /** Reads the member's partitions from the group's offsets (Kafka poll). */
  async poll(memberId: string, generation: number, options: { readonly maxRecords?: number; readonly maxBytes?: number } = {}): Promise<Polled> {
    return ok(this.#raw.POST('/v1/streams/{name}/groups/{group}/members/{member}/poll', { ...this.#memberPath(memberId), body: { generation, ...options } }));
  }

  /**
   * Consumes as a member of the group until `options.signal` aborts: joins, heartbeats, polls its
   * partitions, runs `handler` on each record in order and commits after it, and leaves.
   *
   * @example
   * ```ts
   * const stop = new AbortController();
   * await client.stream('clicks').group('billing').consume(async (record) => { await bill(record.value); }, { signal: stop.signal });
   * ```
   */
  consume(handler: RecordHandler, options: GroupConsumeOptions): Promise<GroupConsumeSummary> {
    return consumeGroup(this, handler, options);
  }

  async leave(memberId: string): Promise<void> {
    await ok(this.#raw.DELETE('/v1/streams/{name}/groups/{group}/members/{member}', this.#memberPath(memberId)));
  }
}
