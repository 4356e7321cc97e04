import type * as z from 'zod/mini';
import type { ExchangeRecord } from '../../../adapters/exchange-registry.ts';
import type { bindingViewSchema, exchangeViewSchema } from '../../../core/schemas/exchange-responses.ts';
import { DEFAULT_EXCHANGE_ALIAS } from '../../../core/exchanges/exchange-names.ts';
import type { Binding } from '../../../core/routing/topology.ts';

/** How the API shows a declared exchange. */
export const exchangeView = ({ name, type, alternateExchange, createdAt }: ExchangeRecord): z.infer<typeof exchangeViewSchema> => ({
  name,
  type,
  ...(alternateExchange !== undefined && { alternateExchange }),
  createdAt,
});

/** The default exchange, which always exists and was never declared. */
export const defaultExchangeView = { name: DEFAULT_EXCHANGE_ALIAS, type: 'direct' } as const;

/** How the API shows a binding: the request that makes it, with its defaults filled in. */
export const bindingView = ({ source, destination, bindingKey, arguments: args }: Binding): z.infer<typeof bindingViewSchema> => ({
  exchange: source,
  ...('queue' in destination ? { queue: destination.queue } : { destinationExchange: destination.exchange }),
  bindingKey,
  arguments: args,
});
