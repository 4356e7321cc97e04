import type { CommitGuard, PartitionOffset } from '../../../adapters/group-offsets.ts';
import type { StreamDeclaration } from '../../../adapters/stream-registry.ts';
import { OffsetOutOfRangeError } from '../../../core/problems/index.ts';
import type { StreamServices } from '../../stream-services.ts';

/** The highest partition a commit names: the stream must have it (see StreamDirectory.find). */
export const highestPartition = (offsets: readonly PartitionOffset[]): number => Math.max(...offsets.map((entry) => entry.partition));

/**
 * Commits offsets for a group after checking each against its partition's high watermark (a
 * committed offset is the next one to read, so the high watermark itself is the furthest). An
 * offset below the log start is accepted, as Kafka does: the group's next read answers 416.
 * @returns false when a `guard` failed (see GroupOffsets.commitGuarded)
 */
export async function commitWithinBounds(
  { reader, groups }: StreamServices,
  stream: StreamDeclaration,
  group: string,
  offsets: readonly PartitionOffset[],
  at: Date,
  guard?: CommitGuard,
): Promise<boolean> {
  const ends = await reader.highWatermarks(stream, offsets.map((entry) => entry.partition));
  const beyond = offsets.findIndex((entry, index) => entry.offset > ends[index]!);
  if (beyond >= 0) {
    const { partition, offset } = offsets[beyond]!;
    const [bounds] = await reader.bounds(stream, [partition]);
    throw new OffsetOutOfRangeError(partition, offset, bounds!);
  }
  if (guard !== undefined) return groups.commitGuarded(stream, group, offsets, at, guard);
  await groups.commit(stream, group, offsets, at);
  return true;
}
