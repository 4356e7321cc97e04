import { compileHeadersMatcher } from './headers-match.ts';
import { compileTopicPattern } from './topic-pattern.ts';
import type { Binding, ExchangeType, RoutableMessage } from './topology.ts';

/** A compiled binding: tells whether a message published to its source exchange takes it. */
export type BindingMatcher = (message: RoutableMessage) => boolean;

/**
 * Compiles a binding by the type of its source exchange: direct compares routing key and binding
 * key, fanout takes every message, topic reads the binding key as a pattern, headers matches the
 * arguments against the message headers. Throws `InvalidBindingError` for a binding RabbitMQ would
 * refuse, so compiling also validates a binding before it is made.
 */
export function compileBindingMatcher(
  type: ExchangeType,
  binding: Pick<Binding, 'bindingKey' | 'arguments'>,
): BindingMatcher {
  switch (type) {
    case 'direct':
      return (message) => message.routingKey === binding.bindingKey;
    case 'fanout':
      return () => true;
    case 'topic': {
      const matches = compileTopicPattern(binding.bindingKey);
      return (message) => matches(message.routingKey);
    }
    case 'headers': {
      const matches = compileHeadersMatcher(binding.arguments);
      return (message) => matches(message.headers);
    }
  }
}
