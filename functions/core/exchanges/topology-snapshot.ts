import { priorityLevel } from '../priority-levels.ts';
import { ExchangeRouter, type RouteResult } from '../routing/exchange-router.ts';
import { DEFAULT_EXCHANGE } from './exchange-names.ts';
import type { Binding, ExchangeDefinition, RoutableMessage } from '../routing/topology.ts';

/** A queue as routing and delivery see it. */
export interface QueueTarget {
  readonly name: string;
  /** What the fan-out topic addresses the queue by (see fan-out.ts). */
  readonly targetId: string;
  readonly queueUrl: string;
  /** The topic of the fan-out shard the queue subscribes to; absent for one reached only directly (FIFO). */
  readonly topicArn?: string;
}

/** A queue of the topology: its own target (level 0) and those of its priority levels 1..n. */
export interface TopologyQueue extends QueueTarget {
  readonly priorityLevels?: readonly Omit<QueueTarget, 'name'>[];
}

export interface TopologyRecords {
  readonly exchanges: readonly ({ readonly name: string } & ExchangeDefinition)[];
  readonly bindings: readonly Binding[];
  readonly queues: readonly TopologyQueue[];
}

/**
 * The whole topology as of one version, compiled once: routes messages and knows each queue's
 * target, so that publishing through it reads nothing per message.
 */
export class TopologySnapshot {
  /** The topology version the records were read at or after. */
  readonly version: number;
  readonly #router: ExchangeRouter;
  readonly #exchanges: ReadonlySet<string>;
  readonly #queues: ReadonlyMap<string, TopologyQueue>;

  /** @throws InvalidBindingError for a binding RabbitMQ would refuse (bindings are validated before they are stored). */
  constructor(version: number, records: TopologyRecords) {
    this.version = version;
    this.#router = new ExchangeRouter({
      exchanges: Object.fromEntries(
        records.exchanges.map(({ name, type, alternateExchange }) => [name, { type, ...(alternateExchange !== undefined && { alternateExchange }) }]),
      ),
      bindings: records.bindings,
    });
    this.#exchanges = new Set([DEFAULT_EXCHANGE, ...records.exchanges.map(({ name }) => name)]);
    this.#queues = new Map(records.queues.map((queue) => [queue.name, queue]));
  }

  hasExchange(name: string): boolean {
    return this.#exchanges.has(name);
  }

  /**
   * Where a message goes. Only queues of this snapshot are reached: the metadata table never holds
   * a binding to a missing queue, and if it ever did, such a queue could receive nothing anyway.
   * @throws ExchangeNotFoundError when the message's exchange does not exist
   */
  route(message: RoutableMessage): RouteResult {
    const exists = (queue: string) => this.#queues.has(queue);
    const { queues, exchanges } = this.#router.route(message, exists);
    return { queues: queues.filter(exists), exchanges };
  }

  /**
   * The targets of the queues a route reached (every one exists in this snapshot): for a message
   * of `priority`, each queue's priority level that takes it.
   */
  targetsOf(queues: readonly string[], priority?: number): QueueTarget[] {
    return queues.map((name) => {
      const { priorityLevels = [], ...queue } = this.#queues.get(name)!;
      const level = priorityLevel(priority, priorityLevels.length);
      return level === 0 ? queue : { name, ...priorityLevels[level - 1]! };
    });
  }
}
