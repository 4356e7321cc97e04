import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyMembership, fence, heartbeat, join, leave, settle, type Membership } from '../../../functions/core/streams/group-membership.ts';
import { MemberNotFoundError, StaleGenerationError } from '../../../functions/core/problems/index.ts';

const PARTITIONS = 4;
const session = (memberId: string, sessionTimeoutMs = 10_000) => ({ memberId, sessionTimeoutMs });
const assignments = (membership: Membership) => Object.fromEntries(membership.members.map((member) => [member.id, member.assignment]));

/** Members a and b joined at time 0 (generation 2). */
const twoMembers = (): Membership => join(join(emptyMembership(PARTITIONS), session('a'), PARTITIONS, 0).membership, session('b'), PARTITIONS, 0).membership;

describe('Functions: consumer group membership', () => {
  it('gives the first member every partition at generation 1', () => {
    const { membership, rebalanced } = join(emptyMembership(PARTITIONS), session('a'), PARTITIONS, 0);

    expect(rebalanced).toBe(true);
    expect(membership.generation).toBe(1);
    expect(assignments(membership)).toEqual({ a: [0, 1, 2, 3] });
  });

  it('rebalances when a second member joins, and not when a member joins again', () => {
    const membership = twoMembers();

    expect(membership.generation).toBe(2);
    expect(assignments(membership)).toEqual({ a: [0, 1], b: [2, 3] });
    const again = join(membership, session('a', 20_000), PARTITIONS, 5);
    expect(again).toMatchObject({ changed: true, rebalanced: false, membership: { generation: 2 } });
    expect(again.membership.members[0]).toEqual({ id: 'a', lastHeartbeat: 5, sessionTimeoutMs: 20_000, assignment: [0, 1] });
  });

  it('gives a leaving member\'s partitions to the others, and changes nothing when it leaves again', () => {
    const left = leave(twoMembers(), 'a', PARTITIONS, 1);

    expect(left.membership.generation).toBe(3);
    expect(assignments(left.membership)).toEqual({ b: [0, 1, 2, 3] });
    expect(leave(left.membership, 'a', PARTITIONS, 2)).toMatchObject({ changed: false, rebalanced: false });
  });

  it('drops a member once it misses heartbeats past its session timeout, and not a moment before', () => {
    const kept = heartbeat(twoMembers(), 'g', 'b', 2, PARTITIONS, 8_000).membership;

    expect(settle(kept, PARTITIONS, 10_000).changed).toBe(false);
    const expired = settle(kept, PARTITIONS, 10_001);
    expect(expired).toMatchObject({ changed: true, rebalanced: true, membership: { generation: 3 } });
    expect(assignments(expired.membership)).toEqual({ b: [0, 1, 2, 3] });
  });

  it('rebalances when the stream gained partitions', () => {
    const grown = settle(twoMembers(), 6, 1);

    expect(grown.membership).toMatchObject({ generation: 3, partitions: 6 });
    expect(assignments(grown.membership)).toEqual({ a: [0, 1, 2], b: [3, 4, 5] });
  });

  it('fences a stale generation with its current one, and an unknown member', () => {
    const membership = twoMembers();

    expect(fence(membership, 'g', 'a', 2).assignment).toEqual([0, 1]);
    expect(() => fence(membership, 'g', 'a', 1)).toThrow(StaleGenerationError);
    expect(() => heartbeat(membership, 'g', 'a', 1, PARTITIONS, 1)).toThrow(expect.objectContaining({ code: 'stale_generation', extensions: { generation: 2 } }));
    expect(() => fence(membership, 'g', 'z', 2)).toThrow(MemberNotFoundError);
  });

  it('keeps every partition with exactly one live member through any joins, leaves, heartbeats and expiries', () => {
    const step = fc.record({
      kind: fc.constantFrom('join', 'leave', 'heartbeat', 'settle'),
      member: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      elapsed: fc.nat({ max: 8_000 }),
      partitions: fc.integer({ min: 3, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let membership = emptyMembership(3);
        let now = 0;
        let partitions = 3;
        for (const { kind, member, elapsed, partitions: requested } of steps) {
          now += elapsed;
          partitions = Math.max(partitions, requested);
          const before = membership.generation;
          if (kind === 'join') membership = join(membership, session(member), partitions, now).membership;
          if (kind === 'leave') membership = leave(membership, member, partitions, now).membership;
          if (kind === 'settle') membership = settle(membership, partitions, now).membership;
          if (kind === 'heartbeat') {
            try {
              membership = heartbeat(membership, 'g', member, membership.generation, partitions, now).membership;
            } catch (error) {
              // Not a member, or the heartbeat itself found an expiry or new partitions and rebalanced.
              expect([MemberNotFoundError, StaleGenerationError]).toContain((error as object).constructor);
            }
          }
          expect(membership.generation).toBeGreaterThanOrEqual(before);
          if (membership.members.length === 0) continue;
          const owned = membership.members.flatMap((live) => live.assignment).sort((a, b) => a - b);
          expect(owned).toEqual(Array.from({ length: membership.partitions }, (_, partition) => partition));
        }
      }),
    );
  });
});
