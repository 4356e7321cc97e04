/** Names of the variables lib/examples/bank-account.ts gives the example's functions; both import these. */
export const BankAccountEnvironment = {
  /** Read by PostroomClient itself: the broker's API. */
  endpoint: 'POSTROOM_ENDPOINT',
  /** The broker's idempotency table, where the command handler records the commands it handled. */
  idempotencyTable: 'BANK_IDEMPOTENCY_TABLE',
  /** The balances projection's read model, which the `balance` query reads. */
  balancesTable: 'BANK_BALANCES_TABLE',
} as const;
