import * as z from 'zod/mini';
import { canonicalExchangeName, DEFAULT_EXCHANGE, DEFAULT_EXCHANGE_ALIAS, EXCHANGE_NAME_PATTERN } from '../exchanges/exchange-names.ts';
import { EXCHANGE_TYPES } from './topology.ts';

/** Longest routing or binding key: an AMQP short string. */
export const MAX_KEY_BYTES = 255;

const utf8 = new TextEncoder();

/**
 * The name of an exchange that can be declared and bound. `amq.default` is refused: it names the
 * default exchange, which RabbitMQ never lets be declared or bound.
 */
export const exchangeNameSchema = z.string().check(
  z.regex(EXCHANGE_NAME_PATTERN, { error: "must be 1 to 255 letters, digits, '.', '_', ':' or '-'" }),
  z.refine((name) => name !== DEFAULT_EXCHANGE_ALIAS, {
    error: `${DEFAULT_EXCHANGE_ALIAS} is the default exchange, which cannot be declared or bound`,
  }),
);

/** An exchange to publish to: a name, or the default exchange as "" or `amq.default` (parsed to ""). */
export const exchangeReferenceSchema = z.pipe(
  z.union([z.literal([DEFAULT_EXCHANGE, DEFAULT_EXCHANGE_ALIAS]), exchangeNameSchema], {
    error: `must be an exchange name, or "" or ${DEFAULT_EXCHANGE_ALIAS} for the default exchange`,
  }),
  z.transform(canonicalExchangeName),
);

export const exchangeTypeSchema = z.enum(EXCHANGE_TYPES, { error: `must be one of ${EXCHANGE_TYPES.join(', ')}` });

const key = z.string().check(
  z.refine((value) => utf8.encode(value).length <= MAX_KEY_BYTES, {
    error: `must be at most ${MAX_KEY_BYTES} bytes of UTF-8`,
  }),
);
export const routingKeySchema = key;
export const bindingKeySchema = key;

/**
 * A binding's arguments: named like message headers, with values a header can take or `null` for
 * "header present". Whether `x-match` is valid depends on the exchange type, so
 * `compileBindingIndex` checks it.
 */
export const bindingArgumentsSchema = z.record(
  z.string().check(
    z.minLength(1, { error: 'argument names must be 1 to 128 characters' }),
    z.maxLength(128, { error: 'argument names must be 1 to 128 characters' }),
  ),
  z.union([z.string(), z.number(), z.boolean(), z.null()], {
    error: 'argument values must be strings, numbers, booleans or null',
  }),
);
