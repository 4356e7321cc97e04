import { ExchangeRouter } from '../routing/exchange-router.ts';
import type { Binding, ExchangeType } from '../routing/topology.ts';

/**
 * Refuses a binding RabbitMQ would refuse on a source exchange of `sourceType` (such as a headers
 * binding with an unknown x-match), by compiling it as routing will: a binding is checked before it
 * is stored, so the stored topology always compiles.
 * @throws InvalidBindingError
 */
export function validateBinding(sourceType: ExchangeType, binding: Binding): void {
  new ExchangeRouter({ exchanges: { [binding.source]: { type: sourceType } }, bindings: [binding] });
}
