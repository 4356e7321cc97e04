import * as z from 'zod/mini';
import { canonicalExchangeName, EXCHANGE_NAME_PATTERN, isReservedExchangeName, RESERVED_EXCHANGE_PREFIX } from '../exchanges/exchange-names.ts';
import { AccessRefusedError, InvalidExchangeNameError } from '../problems/index.ts';
import { exchangeNameSchema, exchangeTypeSchema, routingKeySchema } from '../routing/schemas.ts';
import type { ExchangeSettings } from '../exchanges/exchange-declaration.ts';
import { headersSchema } from './message-requests.ts';
import { queryBoolean } from './numbers.ts';

/** An exchange route's `{name}` as it is, or a 400 `invalid_exchange_name`. */
export function parseExchangeName(raw: string | undefined): string {
  if (raw === undefined || !EXCHANGE_NAME_PATTERN.test(raw)) throw new InvalidExchangeNameError(raw ?? '');
  return raw;
}

/** An exchange route's `{name}` as the router knows it: `amq.default` is the default exchange (""). */
export const parseExchangeReference = (raw: string | undefined): string => canonicalExchangeName(parseExchangeName(raw));

/** The `{name}` of an exchange to declare or delete: `amq.*` names are refused with 403, as RabbitMQ does. */
export function parseOwnExchangeName(raw: string | undefined): string {
  const name = parseExchangeName(raw);
  if (isReservedExchangeName(name)) {
    throw new AccessRefusedError(`Exchange names starting with "${RESERVED_EXCHANGE_PREFIX}" are reserved for the broker; choose another name than ${JSON.stringify(name)}.`);
  }
  return name;
}

/**
 * Body of `PUT /v1/exchanges/{name}`. The alternate exchange need not exist yet (RabbitMQ allows
 * that): until it does, what the exchange cannot route is dropped.
 */
export const declareExchangeBodySchema = z.strictObject({
  type: exchangeTypeSchema,
  alternateExchange: z.optional(exchangeNameSchema),
}) satisfies z.ZodMiniType<ExchangeSettings, unknown>;

/** Query of `DELETE /v1/exchanges/{name}`. */
export const deleteExchangeQuerySchema = z.prefault(z.strictObject({ ifUnused: z._default(queryBoolean, false) }), {});

/** Body of `POST /v1/exchanges/{name}/test-route`: what routing looks at, nothing else. */
export const testRouteRequestSchema = z.prefault(
  z.strictObject({
    routingKey: z._default(routingKeySchema, ''),
    headers: z._default(headersSchema, {}),
  }),
  {},
);
