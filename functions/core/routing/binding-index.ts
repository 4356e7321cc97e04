import { compileHeadersMatcher } from './headers-match.ts';
import { TopicTrie } from './topic-trie.ts';
import type { Binding, BindingDestination, ExchangeType, RoutableMessage } from './topology.ts';

/**
 * One exchange's bindings, compiled: the destinations of the bindings a message published to that
 * exchange matches, in binding order, one per matching binding. The array may be shared: do not
 * change it.
 */
export type BindingIndex = (message: RoutableMessage) => readonly BindingDestination[];

type IndexedBinding = Pick<Binding, 'bindingKey' | 'arguments' | 'destination'>;

const NONE: readonly BindingDestination[] = [];

/**
 * Compiles the bindings of an exchange by its type: direct looks the routing key up among the
 * binding keys, fanout takes every binding, topic reads the binding keys as patterns in a trie,
 * headers matches each binding's arguments against the message headers. Throws
 * `InvalidBindingError` for a binding RabbitMQ would refuse, so compiling one binding also
 * validates it before it is made.
 */
export function compileBindingIndex(type: ExchangeType, bindings: readonly IndexedBinding[]): BindingIndex {
  switch (type) {
    case 'direct': {
      const byKey = Map.groupBy(bindings, (binding) => binding.bindingKey);
      const destinations = new Map([...byKey].map(([key, group]) => [key, group.map((b) => b.destination)]));
      return (message) => destinations.get(message.routingKey) ?? NONE;
    }
    case 'fanout': {
      const destinations = bindings.map((binding) => binding.destination);
      return () => destinations;
    }
    case 'topic': {
      const trie = new TopicTrie<number>();
      bindings.forEach((binding, position) => trie.add(binding.bindingKey, position));
      // The trie answers in no particular order; binding order keeps routing deterministic.
      return (message) => trie.match(message.routingKey).sort(ascending).map((position) => bindings[position]!.destination);
    }
    case 'headers': {
      const compiled = bindings.map((binding) => ({ matches: compileHeadersMatcher(binding.arguments), destination: binding.destination }));
      return (message) => compiled.filter(({ matches }) => matches(message.headers)).map(({ destination }) => destination);
    }
  }
}

function ascending(a: number, b: number): number {
  return a - b;
}
