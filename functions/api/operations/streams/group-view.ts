import type { StreamDeclaration } from '../../../adapters/stream-registry.ts';
import { emptyMembership, settle, type Membership } from '../../../core/streams/group-membership.ts';
import { GroupNotFoundError } from '../../../core/problems/index.ts';
import type { StreamServices } from '../../stream-services.ts';
import { isoTime } from '../../../core/streams/record-view.ts';
import { partitionsOf } from './stream-view.ts';

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
  if (!isGroup(committed, membership)) throw new GroupNotFoundError(stream.name, group);
  return { stream: stream.name, ...groupState(group, committed, ends, membership) };
}

/**
 * Every consumer group of the stream as groupView shows one (without the stream's name), in name
 * order: one Query of the stream's groups and one read of its partitions' tails, however many
 * groups. Members past their session timeout are left out but not removed: that is the next group
 * request's (a listing writes nothing).
 */
export async function groupViews(services: StreamServices, stream: StreamDeclaration, now: number) {
  return (await streamGroupsState(services, stream, now)).groups;
}

/** The partitions' high watermarks and every group as groupViews shows them, from the same two calls. */
export async function streamGroupsState({ streamGroups, reader }: StreamServices, stream: StreamDeclaration, now: number) {
  const partitions = partitionsOf(stream);
  const [stored, ends] = await Promise.all([streamGroups.all(stream), reader.highWatermarks(stream, partitions)]);
  const groups = [...stored]
    .map(([group, { committed, membership = emptyMembership(partitions.length) }]) => ({ group, committed, membership: settle(membership, partitions.length, now).membership }))
    .filter(({ committed, membership }) => isGroup(committed, membership))
    .sort((a, b) => (a.group < b.group ? -1 : 1))
    .map(({ group, committed, membership }) => groupState(group, committed, ends, membership));
  return { highWatermarks: ends, groups };
}

/** A group exists while it has committed offsets or members. */
const isGroup = (committed: ReadonlyMap<number, number>, membership: Membership): boolean => committed.size > 0 || membership.members.length > 0;

/** `lag`: the partitions' lags together, null while no partition has a committed offset. */
function groupState(group: string, committed: ReadonlyMap<number, number>, ends: readonly number[], membership: Membership) {
  const partitions = ends.map((highWatermark, partition) => {
    const committedOffset = committed.get(partition) ?? null;
    return { partition, committedOffset, highWatermark, lag: committedOffset === null ? null : Math.max(0, highWatermark - committedOffset) };
  });
  const lags = partitions.flatMap(({ lag }) => (lag === null ? [] : [lag]));
  return {
    group,
    lag: lags.length === 0 ? null : lags.reduce((sum, lag) => sum + lag, 0),
    partitions,
    generation: membership.generation,
    members: membership.members.map((member) => ({ memberId: member.id, assignment: member.assignment, lastHeartbeatAt: isoTime(member.lastHeartbeat) })),
  };
}
