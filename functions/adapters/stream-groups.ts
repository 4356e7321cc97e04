import { paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Membership } from '../core/streams/group-membership.ts';
import { parseMembershipItem } from './group-memberships.ts';
import { groupsPartition } from '../core/streams/log-keys.ts';
import { parseOffsetItem } from './group-offsets.ts';
import type { StreamDeclaration } from './stream-registry.ts';

/** A consumer group as stored: committed offsets by partition, and its membership if it ever had members. */
export interface StoredGroup {
  readonly committed: Map<number, number>;
  membership?: Membership;
}

/**
 * Every consumer group of a stream, read together: their offsets and memberships share one
 * partition of the metadata table (see GroupOffsets, GroupMemberships), so this is one consistent
 * Query, a page per MB.
 */
export class StreamGroups {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  async all(stream: StreamDeclaration): Promise<Map<string, StoredGroup>> {
    const groups = new Map<string, StoredGroup>();
    const groupOf = (name: string): StoredGroup => groups.get(name) ?? groups.set(name, { committed: new Map() }).get(name)!;
    const pages = paginateQuery(
      { client: this.#documents },
      { TableName: this.#tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': groupsPartition(stream) }, ConsistentRead: true },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const offset = parseOffsetItem(item);
        if (offset) groupOf(offset.group).committed.set(offset.partition, offset.offset);
        const members = parseMembershipItem(item);
        if (members) groupOf(members.group).membership = members.membership;
      }
    }
    return groups;
  }
}
