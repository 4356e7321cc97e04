import { Lazy } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { type MetricResourcePolicy, type MonitoredKind, writeMetricResourcePolicy } from '../../functions/core/metrics/metric-catalogue.ts';
import { Saga } from './saga/saga.ts';
import { PostroomExchange } from './topology/postroom-exchange.ts';
import { PostroomQueue } from './topology/postroom-queue.ts';
import { PostroomStream } from './topology/postroom-stream.ts';

/** What is declared in CDK on one broker. */
export interface DeclaredResources {
  readonly queues: readonly PostroomQueue[];
  readonly exchanges: readonly PostroomExchange[];
  readonly streams: readonly PostroomStream[];
  readonly sagas: readonly Saga[];
}

/**
 * The queues, exchanges, streams and sagas declared on `broker` anywhere in its app (a broker is
 * known by its queue-name prefix, which names everything it owns), as they are when this is
 * called: call it at synthesis (in a Lazy), so that those declared after the caller count too.
 */
export function declaredResources(broker: IConstruct & { readonly queueNamePrefix: string }): DeclaredResources {
  const onBroker = <T extends IConstruct & { readonly broker: { readonly queueNamePrefix: string } }>(type: abstract new (...args: never[]) => T): T[] =>
    broker.node.root.node.findAll().filter((node): node is T => node instanceof type && node.broker.queueNamePrefix === broker.queueNamePrefix);
  return { queues: onBroker(PostroomQueue), exchanges: onBroker(PostroomExchange), streams: onBroker(PostroomStream), sagas: onBroker(Saga) };
}

/**
 * `POSTROOM_METRIC_RESOURCES` for the broker's functions: every queue, exchange, stream and saga
 * declared on it, plus `patterns`; computed when the app is synthesized, so resources declared
 * after the broker count too.
 */
export function metricResourcesValue(broker: IConstruct & { readonly queueNamePrefix: string }, patterns: MetricResourcePolicy = {}): string {
  return Lazy.string({
    produce: () => {
      const { queues, exchanges, streams, sagas } = declaredResources(broker);
      const declared: Record<MonitoredKind, string[]> = {
        queue: queues.map((queue) => queue.queueName),
        exchange: exchanges.map((exchange) => exchange.exchangeName),
        stream: streams.map((stream) => stream.streamName),
        saga: sagas.map((saga) => saga.sagaName),
      };
      for (const [kind, names] of Object.entries(patterns) as [MonitoredKind, readonly string[]][]) declared[kind].push(...names);
      return writeMetricResourcePolicy(declared);
    },
  });
}
