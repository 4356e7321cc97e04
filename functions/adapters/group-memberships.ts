import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { emptyMembership, type Member, type Membership, type Transition } from '../core/streams/group-membership.ts';
import { MembershipContendedError } from '../core/problems/index.ts';
import { isConditionalCheckFailedError } from './aws-errors.ts';
import { groupsPartition } from '../core/streams/log-keys.ts';
import type { CommitGuard } from './group-offsets.ts';
import type { StreamDeclaration } from './stream-registry.ts';

/**
 * Beside the group's offsets (so deleting the stream's groups removes it too); '@' cannot occur in
 * a group name, so no group's offset prefix `<group>#` reaches it.
 */
const MEMBERS_SUFFIX = '@members';
const membershipKey = (stream: StreamDeclaration, group: string) => ({ pk: groupsPartition(stream), sk: `${group}${MEMBERS_SUFFIX}` });

const membershipOf = (item: Record<string, unknown>): Membership => ({
  generation: item.generation as number,
  partitions: item.partitions as number,
  members: item.members as Member[],
});

/** The group and stored membership of the groups partition's membership item; undefined for its other items. */
export function parseMembershipItem(item: Record<string, unknown>): { group: string; membership: Membership } | undefined {
  const sk = item.sk as string;
  if (!sk.endsWith(MEMBERS_SUFFIX)) return undefined;
  return { group: sk.slice(0, -MEMBERS_SUFFIX.length), membership: membershipOf(item) };
}

/** Read-transition-write rounds before giving up: each lost round means another request changed the group. */
const MAX_ATTEMPTS = 5;

interface Versioned {
  readonly membership: Membership;
  /** Bumped by every write; 0 while no item exists. */
  readonly version: number;
}

/**
 * Consumer groups' membership in the metadata table, one item per group. Every change is a
 * conditional put on the version it read (optimistic concurrency), so concurrent joins, leaves and
 * heartbeats never lose one another's changes.
 */
export class GroupMemberships {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #rebalanceListeners: ((stream: StreamDeclaration, group: string) => void)[] = [];

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  /** Calls `listener` after every stored change that moved a group to a new generation. */
  onRebalance(listener: (stream: StreamDeclaration, group: string) => void): void {
    this.#rebalanceListeners.push(listener);
  }

  /**
   * Applies `transition` to the group's current membership and stores the result when it changed,
   * reading again and retrying when another request wrote first. Errors thrown by `transition`
   * pass through with nothing written.
   * @throws MembershipContendedError after MAX_ATTEMPTS lost races
   */
  async update(stream: StreamDeclaration, group: string, transition: (membership: Membership) => Transition): Promise<Transition> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { membership, version } = await this.#read(stream, group);
      const next = transition(membership);
      if (!next.changed) return next;
      if (await this.#write(stream, group, next.membership, version)) {
        if (next.rebalanced) for (const listener of this.#rebalanceListeners) listener(stream, group);
        return next;
      }
    }
    throw new MembershipContendedError(group, MAX_ATTEMPTS);
  }

  /** For GroupOffsets.commitGuarded: holds while the group is still at `generation`. */
  generationGuard(stream: StreamDeclaration, group: string, generation: number): CommitGuard {
    return {
      TableName: this.#tableName,
      Key: membershipKey(stream, group),
      ConditionExpression: 'generation = :generation',
      ExpressionAttributeValues: { ':generation': generation },
    };
  }

  async #read(stream: StreamDeclaration, group: string): Promise<Versioned> {
    const { Item } = await this.#documents.send(new GetCommand({ TableName: this.#tableName, Key: membershipKey(stream, group), ConsistentRead: true }));
    if (Item === undefined) return { membership: emptyMembership(stream.settings.partitions), version: 0 };
    return { membership: membershipOf(Item), version: Item.version as number };
  }

  /** False when the item is no longer at `version`. */
  async #write(stream: StreamDeclaration, group: string, membership: Membership, version: number): Promise<boolean> {
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...membershipKey(stream, group), ...membership, version: version + 1 },
          ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : '#version = :version',
          ...(version !== 0 && { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': version } }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailedError(error)) return false;
      throw error;
    }
  }
}
