import type { StreamDeclaration } from '../adapters/stream-registry.ts';
import { groupViews } from '../api/operations/streams/group-view.ts';
import type { StreamServices } from '../api/stream-services.ts';
import { mapWithConcurrency } from '../core/concurrency.ts';
import { StreamNotFoundError } from '../core/problems/index.ts';
import { retentionMs } from '../core/streams/stream-settings.ts';

/** A consumer group's position on one partition it has committed on. */
export interface PartitionLag {
  readonly partition: number;
  readonly committedOffset: number;
  readonly highWatermark: number;
  /** Records between the committed offset and the high watermark. */
  readonly records: number;
  /** Now minus the append time of the next record the group will read; 0 when caught up. */
  readonly ageMs: number;
}

/** A consumer group's lag: its partitions with a committed offset, and its live members. */
export interface GroupLag {
  readonly stream: string;
  readonly group: string;
  readonly members: number;
  readonly partitions: readonly PartitionLag[];
}

/** Streams measured at once, and append-time reads in flight per stream. */
const STREAM_CONCURRENCY = 4;
const AGE_CONCURRENCY = 16;

/**
 * Every consumer group's lag on every stream, as `GET /v1/streams/{name}/groups` computes it
 * (groupViews): per stream one Query of its groups and one BatchGetItem of its partitions' tails
 * (per 100 partitions), whatever the number of groups; then, for the age, one single-item Query per
 * partition and committed offset that is behind (groups at the same offset share it), none for
 * those caught up nor for an offset within a segment read in an earlier run of the container
 * (PartitionReader.appendTime). A stream deleted meanwhile is left out.
 */
export async function measureGroupLags(streams: StreamServices, now: number): Promise<GroupLag[]> {
  const declarations = await streams.registry.list();
  const perStream = await mapWithConcurrency(declarations, STREAM_CONCURRENCY, async (stream) => {
    try {
      return await streamGroupLags(streams, stream, now);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  });
  return perStream.flat();
}

const positionKey = (partition: number, offset: number) => `${partition}:${offset}`;

async function streamGroupLags(streams: StreamServices, stream: StreamDeclaration, now: number): Promise<GroupLag[]> {
  const views = await groupViews(streams, stream, now);
  // Each partition and committed offset that is behind, once however many groups sit there.
  const behind = new Map<string, { partition: number; offset: number }>();
  for (const { partition, committedOffset, lag } of views.flatMap((view) => view.partitions)) {
    if (committedOffset !== null && lag !== null && lag > 0) behind.set(positionKey(partition, committedOffset), { partition, offset: committedOffset });
  }
  const ages = new Map(
    await mapWithConcurrency([...behind], AGE_CONCURRENCY, async ([key, { partition, offset }]) => {
      // A record no longer stored was deleted by TTL: it is at least as old as the retention.
      const appended = (await streams.reader.appendTime(stream, partition, offset)) ?? now - retentionMs(stream.settings);
      return [key, Math.max(0, now - appended)] as const;
    }),
  );
  return views.map((view) => ({
    stream: stream.name,
    group: view.group,
    members: view.members.length,
    partitions: view.partitions.flatMap(({ partition, committedOffset, highWatermark, lag }) =>
      committedOffset === null || lag === null ? [] : [{ partition, committedOffset, highWatermark, records: lag, ageMs: ages.get(positionKey(partition, committedOffset)) ?? 0 }],
    ),
  }));
}
