import { ExchangeNotFoundError } from '../../../core/problems/index.ts';
import { DEFAULT_EXCHANGE } from '../../../core/exchanges/exchange-names.ts';
import { parseExchangeReference } from '../../../core/schemas/exchange-requests.ts';
import type { OperationHandler } from '../../http.ts';
import { defaultExchangeView, exchangeView } from './exchange-views.ts';

/** `GET /v1/exchanges/{name}`: the declaration (`amq.default` names the default exchange). */
export const describeExchange: OperationHandler = async (request, { exchanges }) => {
  const name = parseExchangeReference(request.pathParameters.name);
  if (name === DEFAULT_EXCHANGE) return { status: 200, body: defaultExchangeView };
  const record = await exchanges.find(name);
  if (record === undefined) throw new ExchangeNotFoundError(name);
  return { status: 200, body: exchangeView(record) };
};
