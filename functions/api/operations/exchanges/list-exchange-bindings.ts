import { ExchangeNotFoundError } from '../../../core/problems/index.ts';
import { DEFAULT_EXCHANGE } from '../../../core/exchanges/exchange-names.ts';
import { parseExchangeReference } from '../../../core/schemas/exchange-requests.ts';
import type { OperationHandler } from '../../http.ts';
import { bindingView } from './exchange-views.ts';

/** `GET /v1/exchanges/{name}/bindings`: the bindings whose source is the exchange (none for the default one). */
export const listExchangeBindings: OperationHandler = async (request, { exchanges, bindings }) => {
  const name = parseExchangeReference(request.pathParameters.name);
  if (name === DEFAULT_EXCHANGE) return { status: 200, body: { bindings: [] } };
  if ((await exchanges.find(name)) === undefined) throw new ExchangeNotFoundError(name);
  return { status: 200, body: { bindings: (await bindings.listFrom(name)).map(bindingView) } };
};
