import { ProblemError } from '../problem.ts';

/** Kafka's ILLEGAL_GENERATION / REBALANCE_IN_PROGRESS: the group rebalanced since the member last joined. */
export class StaleGenerationError extends ProblemError {
  constructor(group: string, given: number, generation: number) {
    super({
      status: 409,
      code: 'stale_generation',
      title: 'Stale generation',
      detail: `Consumer group ${JSON.stringify(group)} is at generation ${generation}, not ${given}: it rebalanced. Join again (POST .../groups/${group}/members with your memberId) to get the new assignment; nothing was done.`,
      extensions: { generation },
    });
    this.name = 'StaleGenerationError';
  }
}

/** Kafka's UNKNOWN_MEMBER_ID: the member left, or its session expired and its partitions moved. */
export class MemberNotFoundError extends ProblemError {
  constructor(group: string, memberId: string) {
    super({
      status: 404,
      code: 'member_not_found',
      title: 'Member not found',
      detail: `Consumer group ${JSON.stringify(group)} has no member ${JSON.stringify(memberId)}: it left or missed heartbeats past its session timeout. Join again to get an assignment.`,
      extensions: { memberId },
    });
    this.name = 'MemberNotFoundError';
  }
}

/** Other members kept changing the group between this request's read and its conditional write. */
export class MembershipContendedError extends ProblemError {
  constructor(group: string, attempts: number) {
    super({
      status: 503,
      code: 'membership_contended',
      title: 'Membership contended',
      detail: `Consumer group ${JSON.stringify(group)} was changed by other requests throughout ${attempts} attempts; retry after a short wait.`,
      extensions: { attempts },
    });
    this.name = 'MembershipContendedError';
  }
}
