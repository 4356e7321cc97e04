import { AccessRefusedError } from '../../../core/problems/index.ts';
import { DEFAULT_EXCHANGE, DEFAULT_EXCHANGE_ALIAS } from '../../../core/exchanges/exchange-names.ts';
import type { Binding } from '../../../core/routing/topology.ts';
import { bindingRequestSchema } from '../../../core/schemas/binding-requests.ts';
import { parseRequest } from '../../../core/validation.ts';

/** The binding a bind or unbind request names; the default exchange takes none (403, as in RabbitMQ). */
export function parseBindingRequest(body: unknown): Binding {
  const binding = parseRequest(bindingRequestSchema, body, 'request body');
  const destination = 'exchange' in binding.destination ? binding.destination.exchange : undefined;
  if (binding.source === DEFAULT_EXCHANGE || destination === DEFAULT_EXCHANGE) {
    throw new AccessRefusedError(`The default exchange (${DEFAULT_EXCHANGE_ALIAS}) cannot be bound to or from: it routes to the queue named by the routing key.`);
  }
  return binding;
}
