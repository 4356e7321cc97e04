import { TopologySnapshot } from '../core/exchanges/topology-snapshot.ts';
import { priorityLevelNames, type SqsQueueNaming } from '../core/sqs-queue-names.ts';
import type { BindingRegistry } from './binding-registry.ts';
import type { ExchangeRegistry } from './exchange-registry.ts';
import type { QueueRegistry } from './queue-registry.ts';
import type { SnsFanOut } from './sns-fan-out.ts';
import type { TopologySource } from './topology-cache.ts';
import type { TopologyWriter } from './topology-writer.ts';

/**
 * The topology as the metadata table holds it: the version item, then exchanges, bindings and
 * queues (three Queries, strongly consistent, so they hold at least every change up to the version).
 */
export function metadataTopologySource(parts: {
  readonly writer: TopologyWriter;
  readonly exchanges: ExchangeRegistry;
  readonly bindings: BindingRegistry;
  readonly queues: QueueRegistry;
  readonly naming: SqsQueueNaming;
  readonly fanOut: SnsFanOut;
}): TopologySource {
  return {
    version: () => parts.writer.version(),
    load: async (version) => {
      const [exchanges, bindings, queues] = await Promise.all([
        parts.exchanges.list(),
        parts.bindings.list(),
        parts.queues.list({ consistent: true }),
      ]);
      return new TopologySnapshot(version, {
        exchanges,
        bindings,
        queues: queues.map(({ name, queueUrl, priorityLevels = [], subscriptionArn, fanOutShard = 0 }) => {
          const names = parts.naming.namesFor(name);
          // A queue without a subscription (FIFO) is reached directly; the others through their shard's topic.
          const topic = subscriptionArn === undefined ? {} : { topicArn: parts.fanOut.topicArnOf(fanOutShard) };
          return {
            name,
            queueUrl,
            targetId: names.targetId,
            ...topic,
            priorityLevels: priorityLevels.map((level, index) => ({ queueUrl: level.queueUrl, targetId: priorityLevelNames(names, index + 1).targetId, ...topic })),
          };
        }),
      });
    },
  };
}
