import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GroupMemberships } from '../adapters/group-memberships.ts';
import { GroupOffsets } from '../adapters/group-offsets.ts';
import { PartitionAppender } from '../adapters/partition-appender.ts';
import { PartitionReader } from '../adapters/partition-reader.ts';
import { PartitionTails } from '../adapters/partition-tails.ts';
import { ProducerStates } from '../adapters/producer-states.ts';
import { SegmentStore } from '../adapters/segment-store.ts';
import { StreamDirectory } from '../adapters/stream-directory.ts';
import { StreamProducer } from '../adapters/stream-producer.ts';
import { StreamGroups } from '../adapters/stream-groups.ts';
import { StreamRegistry } from '../adapters/stream-registry.ts';
import { PartitionAssigner } from '../core/streams/partition-assignment.ts';
import type { ApiConfig } from './config.ts';

/** What stream operations work with; part of Services, so its caches live while the container is warm. */
export interface StreamServices {
  readonly registry: StreamRegistry;
  readonly directory: StreamDirectory;
  readonly tails: PartitionTails;
  readonly assigner: PartitionAssigner;
  readonly producer: StreamProducer;
  /** The partition appends under the producer; event stores append their logs through it too. */
  readonly appender: PartitionAppender;
  readonly reader: PartitionReader;
  readonly groups: GroupOffsets;
  readonly memberships: GroupMemberships;
  /** Every group of a stream at once, for listing. */
  readonly streamGroups: StreamGroups;
}

/** Streams keep declarations and committed offsets in the metadata table, logs in the records table. */
export function createStreamServices(documents: DynamoDBDocumentClient, config: Pick<ApiConfig, 'metadataTable' | 'streamRecordsTable'>): StreamServices {
  const now = () => Date.now();
  const registry = new StreamRegistry(documents, config.metadataTable);
  const tails = new PartitionTails(documents, config.streamRecordsTable);
  const segments = new SegmentStore(documents, config.streamRecordsTable);
  const appender = new PartitionAppender(segments, tails, now);
  return {
    registry,
    directory: new StreamDirectory(registry, now),
    tails,
    assigner: new PartitionAssigner(),
    producer: new StreamProducer(appender, new ProducerStates(documents, config.streamRecordsTable)),
    appender,
    reader: new PartitionReader(segments, tails, now),
    groups: new GroupOffsets(documents, config.metadataTable),
    memberships: new GroupMemberships(documents, config.metadataTable),
    streamGroups: new StreamGroups(documents, config.metadataTable),
  };
}
