/** Which incarnation of a store: a random id given at declaration, part of every key of its events. */
export interface StoreIdentity {
  readonly name: string;
  readonly incarnation: string;
}

/** Partition key of an event stream's items in the event store table: its head and its commits. */
export const eventStreamKey = (store: StoreIdentity, streamId: string): string => `${store.name}#${store.incarnation}#${streamId}`;

/** Partition key of an event stream's snapshots (sort key = the version each one is of). */
export const snapshotKey = (store: StoreIdentity, streamId: string): string => `${eventStreamKey(store, streamId)}#snapshot`;

/** Partition key of a store's event schemas in the metadata table (sort key `<type>#<version>`). */
export const schemasPartition = (store: StoreIdentity): string => `event-schema#${store.name}#${store.incarnation}`;

/** Sort key of an event stream's head: below every version. */
export const HEAD_SORT_KEY = -1;

/** Sort key of an event type's schema version in its store's schemas partition. */
export const schemaId = (type: string, schemaVersion: number): string => `${type}#${schemaVersion}`;
