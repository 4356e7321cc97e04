import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EventAppender } from '../adapters/event-appender.ts';
import { EventStoreDirectory } from '../adapters/event-store-directory.ts';
import { EventStoreRegistry } from '../adapters/event-store-registry.ts';
import { EventStreams } from '../adapters/event-streams.ts';
import { ProjectionRebuilds } from '../adapters/projection-rebuilds.ts';
import { ProjectionRegistry } from '../adapters/projection-registry.ts';
import type { ApiConfig } from './config.ts';
import type { StreamServices } from './stream-services.ts';

/** What event store operations work with; their logs go through the stream services. */
export interface EventStoreServices {
  readonly registry: EventStoreRegistry;
  readonly directory: EventStoreDirectory;
  readonly streams: EventStreams;
  readonly appender: EventAppender;
  readonly projections: ProjectionRegistry;
  readonly rebuilds: ProjectionRebuilds;
  /** Where rebuild requests go: the records table, whose stream carries them to the projection's dispatcher. */
  readonly recordsTable: string;
}

/** Declarations, schemas, projections and their rebuilds in the metadata table, events in the event store table, logs in the records table. */
export function createEventStoreServices(documents: DynamoDBDocumentClient, config: Pick<ApiConfig, 'metadataTable' | 'eventStoreTable' | 'streamRecordsTable'>, streams: StreamServices): EventStoreServices {
  const now = () => Date.now();
  const registry = new EventStoreRegistry(documents, config.metadataTable);
  const eventStreams = new EventStreams(documents, config.eventStoreTable);
  return {
    registry,
    directory: new EventStoreDirectory(registry, now),
    streams: eventStreams,
    appender: new EventAppender(eventStreams, streams.appender, now),
    projections: new ProjectionRegistry(documents, config.metadataTable),
    rebuilds: new ProjectionRebuilds(documents, config.metadataTable),
    recordsTable: config.streamRecordsTable,
  };
}
