import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EventAppender } from '../adapters/event-appender.ts';
import { EventStoreDirectory } from '../adapters/event-store-directory.ts';
import { EventStoreRegistry } from '../adapters/event-store-registry.ts';
import { EventStreams } from '../adapters/event-streams.ts';
import type { ApiConfig } from './config.ts';
import type { StreamServices } from './stream-services.ts';

/** What event store operations work with; their logs go through the stream services. */
export interface EventStoreServices {
  readonly registry: EventStoreRegistry;
  readonly directory: EventStoreDirectory;
  readonly streams: EventStreams;
  readonly appender: EventAppender;
}

/** Declarations and schemas in the metadata table, events in the event store table, logs in the records table. */
export function createEventStoreServices(documents: DynamoDBDocumentClient, config: Pick<ApiConfig, 'metadataTable' | 'eventStoreTable'>, streams: StreamServices): EventStoreServices {
  const now = () => Date.now();
  const registry = new EventStoreRegistry(documents, config.metadataTable);
  const eventStreams = new EventStreams(documents, config.eventStoreTable);
  return {
    registry,
    directory: new EventStoreDirectory(registry, now),
    streams: eventStreams,
    appender: new EventAppender(eventStreams, streams.appender, now),
  };
}
