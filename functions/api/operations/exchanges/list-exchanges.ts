import type { OperationHandler } from '../../http.ts';
import { defaultExchangeView, exchangeView } from './exchange-views.ts';

/** `GET /v1/exchanges`: the default exchange, then every declared one in name order. */
export const listExchanges: OperationHandler = async (_request, { exchanges }) => {
  const records = await exchanges.list();
  return { status: 200, body: { exchanges: [defaultExchangeView, ...records.map(exchangeView)] } };
};
