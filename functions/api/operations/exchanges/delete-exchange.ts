import { removeWithBindings } from '../../../adapters/topology-removal.ts';
import { ExchangeInUseError, ExchangeNotFoundError } from '../../../core/problems/index.ts';
import { deleteExchangeQuerySchema, parseOwnExchangeName } from '../../../core/schemas/exchange-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';

/**
 * `DELETE /v1/exchanges/{name}`: removes the exchange with every binding from or to it, in
 * transactions that cannot miss a binding made meanwhile. `ifUnused=true` refuses while the
 * exchange is the source of a binding (RabbitMQ's if-unused).
 */
export const deleteExchange: OperationHandler = async (request, { exchanges, bindings, topologyWriter }) => {
  const name = parseOwnExchangeName(request.pathParameters.name);
  const { ifUnused } = parseRequest(deleteExchangeQuerySchema, request.query, 'query string');
  if ((await exchanges.find(name)) === undefined) throw new ExchangeNotFoundError(name);

  const removed = await removeWithBindings(topologyWriter, bindings, {
    declaration: exchanges.deleteChange(name),
    touches: (binding) => binding.source === name || ('exchange' in binding.destination && binding.destination.exchange === name),
    precondition: (related) => {
      const outgoing = related.filter((binding) => binding.source === name).length;
      if (ifUnused && outgoing > 0) throw new ExchangeInUseError(name, outgoing);
    },
  });
  if (!removed) throw new ExchangeNotFoundError(name);
  return { status: 204 };
};
