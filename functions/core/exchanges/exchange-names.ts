import { DEFAULT_EXCHANGE, DEFAULT_EXCHANGE_ALIAS } from '../routing/names.ts';

/** RabbitMQ reserves `amq.` names for the broker's own exchanges: clients may not declare or delete them. */
export const RESERVED_EXCHANGE_PREFIX = 'amq.';

export const isReservedExchangeName = (name: string): boolean => name.startsWith(RESERVED_EXCHANGE_PREFIX);

/** The name the API shows for an exchange the router knows by `name`: the default one is `amq.default`. */
export const exchangeApiName = (name: string): string => (name === DEFAULT_EXCHANGE ? DEFAULT_EXCHANGE_ALIAS : name);
