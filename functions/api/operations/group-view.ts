import type { StreamDeclaration } from '../../adapters/stream-registry.ts';
import { settle } from '../../core/streams/group-membership.ts';
import { GroupNotFoundError } from '../../core/streams/problems.ts';
import type { StreamServices } from '../stream-services.ts';
import { isoTime, partitionsOf } from './stream-view.ts';

/**
 * A consumer group as the API shows it: per partition the committed offset (the next one to read;
 * null before the first commit), the high watermark and the lag between them; and the live members
 * of its current generation with their partitions (members past their session timeout are dropped
 * here too, rebalancing the group).
 * @throws GroupNotFoundError when the group never committed and has no members
 */
export async function groupView({ groups, reader, memberships }: StreamServices, stream: StreamDeclaration, group: string, now: number) {
  const partitions = partitionsOf(stream);
  const [committed, ends, { membership }] = await Promise.all([
    groups.committed(stream, group),
    reader.highWatermarks(stream, partitions),
    memberships.update(stream, group, (stored) => settle(stored, partitions.length, now)),
  ]);
  if (committed.size === 0 && membership.members.length === 0) throw new GroupNotFoundError(stream.name, group);
  return {
    stream: stream.name,
    group,
    partitions: partitions.map((partition, index) => {
      const committedOffset = committed.get(partition) ?? null;
      const highWatermark = ends[index]!;
      return { partition, committedOffset, highWatermark, lag: committedOffset === null ? null : Math.max(0, highWatermark - committedOffset) };
    }),
    generation: membership.generation,
    members: membership.members.map((member) => ({ memberId: member.id, assignment: member.assignment, lastHeartbeatAt: isoTime(member.lastHeartbeat) })),
  };
}
