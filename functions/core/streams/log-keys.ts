/**
 * Which incarnation of a stream: a random id given at declaration and part of every key of its
 * log, so that a stream deleted and declared again starts from empty partitions at offset 0 while
 * the old records wait for their TTL, unreachable.
 */
export interface StreamIdentity {
  readonly name: string;
  readonly incarnation: string;
}

/** Partition key of a partition's items in the records table: its segments and its tail. */
export const partitionKey = (stream: StreamIdentity, partition: number): string => `${stream.name}#${stream.incarnation}#${partition}`;

/**
 * Partition key of a stream's consumer groups' items (committed offsets, memberships) in the
 * metadata table: one group is a Query, deleting the stream's groups is another.
 */
export const groupsPartition = (stream: StreamIdentity): string => `stream-group#${stream.name}#${stream.incarnation}`;

/** Partition key of what a partition remembers about one idempotent producer. */
export const producerKey = (partitionKeyValue: string, producerId: string): string => `${partitionKeyValue}#${producerId}`;

/** Sort key of a partition's tail item: below every offset, so no offset range reaches it. */
export const TAIL_SORT_KEY = -1;

/** Sort key of a producer-state item, alone under its partition key. */
export const PRODUCER_SORT_KEY = 0;
