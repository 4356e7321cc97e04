import { Lazy, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { type MetricResourcePolicy, type MonitoredKind, writeMetricResourcePolicy } from '../../functions/core/metrics/metric-catalogue.ts';
import { Saga } from './saga/saga.ts';
import { PostroomExchange } from './topology/postroom-exchange.ts';
import { PostroomQueue } from './topology/postroom-queue.ts';
import { PostroomStream } from './topology/postroom-stream.ts';

/** The name a construct declares, by kind; undefined for anything else. */
function declared(construct: unknown): { kind: MonitoredKind; name: string } | undefined {
  if (construct instanceof PostroomQueue) return { kind: 'queue', name: construct.queueName };
  if (construct instanceof PostroomExchange) return { kind: 'exchange', name: construct.exchangeName };
  if (construct instanceof PostroomStream) return { kind: 'stream', name: construct.streamName };
  if (construct instanceof Saga) return { kind: 'saga', name: construct.sagaName };
  return undefined;
}

/**
 * `POSTROOM_METRIC_RESOURCES` for the broker's functions: every queue, exchange, stream and saga
 * declared in its stack, plus `patterns`; computed when the stack is synthesized, so resources
 * declared after the broker count too. (A name declared on another broker of the stack costs
 * nothing here: a metric exists only once something is emitted for it.)
 */
export function metricResourcesValue(broker: Construct, patterns: MetricResourcePolicy = {}): string {
  return Lazy.string({
    produce: () => {
      const policy: Record<MonitoredKind, string[]> = { queue: [], exchange: [], stream: [], saga: [] };
      for (const [kind, names] of Object.entries(patterns) as [MonitoredKind, readonly string[]][]) policy[kind].push(...names);
      for (const construct of Stack.of(broker).node.findAll()) {
        const resource = declared(construct);
        if (resource) policy[resource.kind].push(resource.name);
      }
      return writeMetricResourcePolicy(policy);
    },
  });
}
