import { MemberNotFoundError, StaleGenerationError } from '../problems/index.ts';
import { assignRanges } from './range-assignor.ts';

export interface Member {
  readonly id: string;
  /** Epoch ms of the member's last join or heartbeat. */
  readonly lastHeartbeat: number;
  readonly sessionTimeoutMs: number;
  readonly assignment: readonly number[];
}

/** A consumer group's members and the assignment of one generation; members sorted by id. */
export interface Membership {
  readonly generation: number;
  /** The partition count the assignment was computed for. */
  readonly partitions: number;
  readonly members: readonly Member[];
}

/** A membership after a request: `changed` says it must be written, `rebalanced` that its generation moved on. */
export interface Transition {
  readonly membership: Membership;
  readonly changed: boolean;
  readonly rebalanced: boolean;
}

export const emptyMembership = (partitions: number): Membership => ({ generation: 0, partitions, members: [] });

type Session = Omit<Member, 'assignment'>;

/** The next generation: members re-sorted and every partition assigned again. */
function rebalance(membership: Membership, sessions: readonly Session[], partitions: number): Transition {
  const sorted = [...sessions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const assignment = sorted.length === 0 ? new Map<string, number[]>() : assignRanges(sorted.map((member) => member.id), partitions);
  return {
    membership: {
      generation: membership.generation + 1,
      partitions,
      members: sorted.map((member) => ({ ...member, assignment: assignment.get(member.id)! })),
    },
    changed: true,
    rebalanced: true,
  };
}

const unchanged = (membership: Membership): Transition => ({ membership, changed: false, rebalanced: false });

const isExpired = (member: Member, now: number) => now - member.lastHeartbeat > member.sessionTimeoutMs;

/**
 * Brings a stored membership up to `now` and the stream's partition count: members past their
 * session timeout are dropped, and that or a partition increase rebalances. Every group request
 * starts here, so expiry needs no background process. A request that then fails writes nothing;
 * the next one finds the same expiry again, since it depends only on stored times and the clock.
 */
export function settle(membership: Membership, partitions: number, now: number): Transition {
  const live = membership.members.filter((member) => !isExpired(member, now));
  if (live.length === membership.members.length && (live.length === 0 || membership.partitions === partitions)) return unchanged(membership);
  return rebalance(membership, live, partitions);
}

/** A settled membership with one member changed, its assignment kept. */
function withMember(settled: Transition, member: Member): Transition {
  const members = settled.membership.members.map((existing) => (existing.id === member.id ? member : existing));
  return { ...settled, membership: { ...settled.membership, members }, changed: true };
}

/** Kafka's JoinGroup: a new member rebalances the group; a member joining again is refreshed and learns the current assignment. */
export function join(membership: Membership, session: { readonly memberId: string; readonly sessionTimeoutMs: number }, partitions: number, now: number): Transition {
  const settled = settle(membership, partitions, now);
  const refreshed = { id: session.memberId, lastHeartbeat: now, sessionTimeoutMs: session.sessionTimeoutMs };
  const existing = settled.membership.members.find((member) => member.id === session.memberId);
  if (existing) return withMember(settled, { ...existing, ...refreshed });
  return rebalance(settled.membership, [...settled.membership.members, refreshed], partitions);
}

/** Kafka's LeaveGroup: the others share the member's partitions; leaving twice changes nothing more. */
export function leave(membership: Membership, memberId: string, partitions: number, now: number): Transition {
  const settled = settle(membership, partitions, now);
  const rest = settled.membership.members.filter((member) => member.id !== memberId);
  if (rest.length === settled.membership.members.length) return settled;
  return rebalance(settled.membership, rest, partitions);
}

/**
 * Fences a member's request: it must be a member of the current generation.
 * @throws MemberNotFoundError
 * @throws StaleGenerationError
 */
export function fence(membership: Membership, group: string, memberId: string, generation: number): Member {
  const member = membership.members.find((candidate) => candidate.id === memberId);
  if (member === undefined) throw new MemberNotFoundError(group, memberId);
  if (generation !== membership.generation) throw new StaleGenerationError(group, generation, membership.generation);
  return member;
}

/** Kafka's Heartbeat: keeps a current member's session alive; a stale one is refused so that it joins again. */
export function heartbeat(membership: Membership, group: string, memberId: string, generation: number, partitions: number, now: number): Transition {
  const settled = settle(membership, partitions, now);
  const member = fence(settled.membership, group, memberId, generation);
  return withMember(settled, { ...member, lastHeartbeat: now });
}
