/** The example's broker resources, named once for its functions and lib/examples/bank-account.ts. */

/** The event store the accounts are kept in: one event stream per account. */
export const ACCOUNTS_STORE = 'accounts';
/** The exchange (direct, routing key `account`) and queue commands go through. */
export const COMMANDS = 'bank.commands';
/** The topic exchange large withdrawals are announced on, with routing key `withdrawal.large`. */
export const NOTIFICATIONS_EXCHANGE = 'bank.notifications';
