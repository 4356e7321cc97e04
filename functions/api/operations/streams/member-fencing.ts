import type { PartitionOffset } from '../../../adapters/group-offsets.ts';
import type { StreamDeclaration } from '../../../adapters/stream-registry.ts';
import { fence, settle, type Member, type Membership } from '../../../core/streams/group-membership.ts';
import { StaleGenerationError } from '../../../core/problems/index.ts';
import type { StreamServices } from '../../stream-services.ts';
import { commitWithinBounds } from './bounded-commits.ts';

/** A member's claim to act for the group: its id and the generation it joined. */
export interface MemberClaim {
  readonly memberId: string;
  readonly generation: number;
}

/** The group's membership now, members past their session timeout dropped (and the rebalance stored). */
async function settled({ memberships }: StreamServices, stream: StreamDeclaration, group: string, now: number): Promise<Membership> {
  return (await memberships.update(stream, group, (stored) => settle(stored, stream.settings.partitions, now))).membership;
}

/**
 * The member, if it belongs to the group's current generation.
 * @throws MemberNotFoundError
 * @throws StaleGenerationError
 */
export async function currentMember(streams: StreamServices, stream: StreamDeclaration, group: string, claim: MemberClaim, now: number): Promise<Member> {
  return fence(await settled(streams, stream, group, now), group, claim.memberId, claim.generation);
}

/**
 * A member's commit: checked first, so the usual stale member learns the current generation, and
 * guarded in the write, so that no rebalance slips in between.
 * @throws MemberNotFoundError
 * @throws StaleGenerationError
 */
export async function commitAsMember(
  streams: StreamServices,
  stream: StreamDeclaration,
  group: string,
  offsets: readonly PartitionOffset[],
  claim: MemberClaim,
  at: Date,
): Promise<void> {
  await currentMember(streams, stream, group, claim, at.getTime());
  const guard = streams.memberships.generationGuard(stream, group, claim.generation);
  if (await commitWithinBounds(streams, stream, group, offsets, at, guard)) return;
  throw new StaleGenerationError(group, claim.generation, (await settled(streams, stream, group, at.getTime())).generation);
}
