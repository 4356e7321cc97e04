import { documents, s3, s3Signer, sns, sqs } from '../adapters/aws-clients.ts';
import { BindingRegistry } from '../adapters/binding-registry.ts';
import { ExchangeRegistry } from '../adapters/exchange-registry.ts';
import { FanOutShardRegistry } from '../adapters/fan-out-shard-registry.ts';
import { QueueDirectory } from '../adapters/queue-directory.ts';
import { QueueRegistry } from '../adapters/queue-registry.ts';
import { S3Payloads } from '../adapters/s3-payloads.ts';
import { SnsFanOut } from '../adapters/sns-fan-out.ts';
import { SqsDeadLetters } from '../adapters/sqs-dead-letters.ts';
import { SqsMessages } from '../adapters/sqs-messages.ts';
import { SqsQueueAdmin } from '../adapters/sqs-queue-admin.ts';
import { SqsReplyQueues } from '../adapters/sqs-reply-queues.ts';
import { TopologyCache } from '../adapters/topology-cache.ts';
import { metadataTopologySource } from '../adapters/topology-source.ts';
import { TopologyWriter } from '../adapters/topology-writer.ts';
import { SqsQueueNaming } from '../core/sqs-queue-names.ts';
import { readApiConfig } from './config.ts';
import { createEventStoreServices, type EventStoreServices } from './event-store-services.ts';
import { Metrics } from '../core/metrics/metric-catalogue.ts';
import { BrokerMetrics } from './metrics/broker-metrics.ts';
import { createStreamServices, type StreamServices } from './stream-services.ts';
import { sqsEncryptionAttributes } from '../core/sqs-encryption.ts';

/** What operations work with; built once per container, so caches live while it is warm. */
export interface Services {
  readonly naming: SqsQueueNaming;
  readonly registry: QueueRegistry;
  readonly directory: QueueDirectory;
  readonly admin: SqsQueueAdmin;
  readonly messages: SqsMessages;
  readonly deadLetters: SqsDeadLetters;
  readonly topologyWriter: TopologyWriter;
  readonly exchanges: ExchangeRegistry;
  readonly bindings: BindingRegistry;
  /** The compiled topology that exchange publishes are routed with. */
  readonly topology: TopologyCache;
  readonly fanOut: SnsFanOut;
  /** How full each fan-out shard is. */
  readonly shards: FanOutShardRegistry;
  /** The payload bucket of messages too large for SNS or SQS (the claim check). */
  readonly payloads: S3Payloads;
  /** The temporary queues request-reply callers wait on. */
  readonly replyQueues: SqsReplyQueues;
  readonly now: () => Date;
  readonly streams: StreamServices;
  readonly eventStores: EventStoreServices;
  /** The events requests cause, written as EMF at the end of each request (no AWS call). */
  readonly metrics: BrokerMetrics;
}

let services: Services | undefined;

/** Composition root: the one place adapters meet the AWS clients and the configuration. */
export function getServices(): Services {
  if (services) return services;
  const config = readApiConfig();
  const naming = new SqsQueueNaming(config.queueNamePrefix);
  const encryption = sqsEncryptionAttributes(config.queueKmsKeyArn);
  const topologyWriter = new TopologyWriter(documents, config.metadataTable);
  const registry = new QueueRegistry(documents, config.metadataTable, topologyWriter);
  const exchanges = new ExchangeRegistry(documents, config.metadataTable, topologyWriter);
  const bindings = new BindingRegistry(documents, config.metadataTable, topologyWriter, exchanges, registry);
  const fanOut = new SnsFanOut(sns, { topicArn: config.fanOutTopicArn, prefix: config.queueNamePrefix, kmsKeyArn: config.queueKmsKeyArn });
  const topology = new TopologyCache(metadataTopologySource({ writer: topologyWriter, exchanges, bindings, queues: registry, naming, fanOut }));
  topologyWriter.onChange(() => topology.invalidate());
  const messages = new SqsMessages(sqs);
  const payloads = new S3Payloads(s3, config.payloadBucket, s3Signer);
  const metrics = new BrokerMetrics(config.queueNamePrefix, config.metricResources);
  const streams = createStreamServices(documents, config);
  streams.memberships.onRebalance((stream, group) => metrics.count(Metrics.streamGroupRebalances, { kind: 'stream', name: stream.name, group }));
  services = {
    naming,
    registry,
    directory: new QueueDirectory(registry),
    admin: new SqsQueueAdmin(sqs, encryption),
    messages,
    deadLetters: new SqsDeadLetters(messages, payloads),
    topologyWriter,
    exchanges,
    bindings,
    topology,
    fanOut,
    shards: new FanOutShardRegistry(documents, config.metadataTable, config.fanOutShardCapacity),
    payloads,
    replyQueues: new SqsReplyQueues(sqs, config.queueNamePrefix, encryption),
    now: () => new Date(),
    streams,
    eventStores: createEventStoreServices(documents, config, streams),
    metrics,
  };
  return services;
}
