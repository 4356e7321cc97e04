/** Exchange names: the default exchange, its alias, what may be declared, and what is reserved. */

/**
 * The default exchange: it has no name, cannot be declared, deleted or bound, and routes a message
 * to the queue named by its routing key.
 */
export const DEFAULT_EXCHANGE = '';

/** How RabbitMQ's HTTP API names the default exchange where "" cannot appear, as in a URL path. */
export const DEFAULT_EXCHANGE_ALIAS = 'amq.default';

/** A declarable exchange name: 1 to 255 letters, digits, '.', '_', ':' or '-'. */
export const EXCHANGE_NAME_PATTERN = /^[A-Za-z0-9._:-]{1,255}$/;

/** The name the router knows an exchange by: the alias resolves to the default exchange. */
export function canonicalExchangeName(name: string): string {
  return name === DEFAULT_EXCHANGE_ALIAS ? DEFAULT_EXCHANGE : name;
}

/** RabbitMQ reserves `amq.` names for the broker's own exchanges: clients may not declare or delete them. */
export const RESERVED_EXCHANGE_PREFIX = 'amq.';

export const isReservedExchangeName = (name: string): boolean => name.startsWith(RESERVED_EXCHANGE_PREFIX);

/** The name the API shows for an exchange the router knows by `name`: the default one is `amq.default`. */
export const exchangeApiName = (name: string): string => (name === DEFAULT_EXCHANGE ? DEFAULT_EXCHANGE_ALIAS : name);
