import { compileBindingIndex, type BindingIndex } from './binding-index.ts';
import { ExchangeNotFoundError } from '../problems/index.ts';
import { DEFAULT_EXCHANGE } from '../exchanges/exchange-names.ts';
import type { Binding, RoutableMessage, Topology } from './topology.ts';

export interface RouteResult {
  /** Each queue that gets a copy, once however many bindings and paths lead to it. */
  readonly queues: string[];
  /** Each exchange the message passed, the one it was published to first, in visit order. */
  readonly exchanges: string[];
}

interface CompiledExchange {
  readonly matchBindings: BindingIndex;
  readonly alternateExchange: string | undefined;
}

/**
 * Routes messages through one topology snapshot as RabbitMQ does: each exchange sends a message
 * along the bindings that match it, to queues and onward to other exchanges; an exchange none of
 * whose bindings match sends it to its alternate exchange instead, if it has one (that exchange may
 * fall back to its own). Each exchange is visited at most once per message, which makes routing
 * terminate whatever cycles the bindings and alternate exchanges form. Exchanges are visited
 * breadth-first, bindings in snapshot order.
 */
export class ExchangeRouter {
  readonly #exchanges = new Map<string, CompiledExchange>();

  /**
   * Compiles the snapshot once, each exchange's bindings into an index (a trie for a topic
   * exchange), so that routing a message costs little however many bindings there are. Throws
   * `InvalidBindingError` for a binding RabbitMQ would refuse.
   */
  constructor(topology: Topology) {
    // A binding from a missing exchange can never be reached, so it is left out.
    const bySource = Map.groupBy(topology.bindings, (binding) => binding.source);
    for (const [name, { type, alternateExchange }] of Object.entries(topology.exchanges)) {
      const bindings: readonly Binding[] = bySource.get(name) ?? [];
      this.#exchanges.set(name, { matchBindings: compileBindingIndex(type, bindings), alternateExchange });
    }
  }

  /**
   * Where a message goes. The default exchange ("") takes no bindings: it routes to the queue named
   * by the routing key if `queueExists` says that queue exists.
   */
  route(message: RoutableMessage, queueExists: (queue: string) => boolean): RouteResult {
    if (message.exchange === DEFAULT_EXCHANGE) {
      return { queues: queueExists(message.routingKey) ? [message.routingKey] : [], exchanges: [DEFAULT_EXCHANGE] };
    }
    if (!this.#exchanges.has(message.exchange)) throw new ExchangeNotFoundError(message.exchange);

    const queues = new Set<string>();
    // Doubles as the work list: an exchange is appended when first reached and routed in turn.
    const visited = [message.exchange];
    const reached = new Set(visited);
    for (let next = 0; next < visited.length; next++) {
      const exchange = this.#exchanges.get(visited[next]!)!;
      let destinations = exchange.matchBindings(message);
      if (destinations.length === 0 && exchange.alternateExchange !== undefined) {
        destinations = [{ exchange: exchange.alternateExchange }];
      }
      for (const destination of destinations) {
        if ('queue' in destination) {
          queues.add(destination.queue);
        } else if (!reached.has(destination.exchange)) {
          // A missing exchange routes nowhere, as in RabbitMQ.
          reached.add(destination.exchange);
          if (this.#exchanges.has(destination.exchange)) visited.push(destination.exchange);
        }
      }
    }
    return { queues: [...queues], exchanges: visited };
  }
}
