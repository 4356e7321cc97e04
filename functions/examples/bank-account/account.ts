import * as z from 'zod/mini';
import { ProblemError } from '../../core/problems/problem.ts';

/**
 * The bank account aggregate of the example (README, "Example: a bank account"): its events, the
 * fold that rebuilds its state from them, and the decisions that turn a command into new events
 * or refuse it with a problem. Pure: the command handler loads, decides and appends.
 */

/** A withdrawal of this much or more is announced on the exchange `bank.notifications`. */
export const LARGE_WITHDRAWAL = 1000;

export type AccountEvent =
  | { readonly type: 'AccountOpened'; readonly data: { readonly owner: string } }
  | { readonly type: 'MoneyDeposited'; readonly data: { readonly amount: number } }
  | { readonly type: 'MoneyWithdrawn'; readonly data: { readonly amount: number } }
  | { readonly type: 'AccountClosed'; readonly data: Record<string, never> };

/** Also the snapshot's state. */
export interface Account {
  readonly owner: string;
  readonly balance: number;
  readonly closed: boolean;
}

const amount = z.int().check(z.positive({ error: 'must be a positive whole number' }));
const accountId = z.string().check(z.regex(/^[A-Za-z0-9._-]{1,100}$/, { error: 'must be 1 to 100 letters, digits, ".", "_" or "-"' }));

/** What the queue `bank.commands` takes (through `POST /v1/exchanges/bank.commands/rpc`). */
export const commandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('open'), accountId: z.optional(accountId), owner: z.string().check(z.minLength(1)) }),
  z.strictObject({ type: z.literal('deposit'), accountId, amount }),
  z.strictObject({ type: z.literal('withdraw'), accountId, amount }),
  z.strictObject({ type: z.literal('close'), accountId }),
  z.strictObject({ type: z.literal('balance'), accountId }),
]);
export type Command = z.infer<typeof commandSchema>;
/** The commands that change the account; `balance` reads the projection. */
export type AccountCommand = Exclude<Command, { type: 'balance' }> & { readonly accountId: string };

/** A command the account refuses: answered as an RFC 9457 problem document. */
export class AccountProblem extends ProblemError {}

export const accountNotFound = (id: string) =>
  new AccountProblem({ status: 404, code: 'account_not_found', title: 'Account not found', detail: `Account ${id} does not exist: open it first.` });

/** The account after one more event; undefined before it was opened. */
export function evolve(account: Account | undefined, event: AccountEvent): Account {
  switch (event.type) {
    case 'AccountOpened':
      return { owner: event.data.owner, balance: 0, closed: false };
    case 'MoneyDeposited':
      return { ...account!, balance: account!.balance + event.data.amount };
    case 'MoneyWithdrawn':
      return { ...account!, balance: account!.balance - event.data.amount };
    case 'AccountClosed':
      return { ...account!, closed: true };
  }
}

/** The events a command makes of the account, or the problem that refuses it. */
export function decide(account: Account | undefined, command: AccountCommand): AccountEvent[] {
  const { accountId } = command;
  if (command.type === 'open') {
    if (account !== undefined) throw new AccountProblem({ status: 409, code: 'account_exists', title: 'Account exists', detail: `Account ${accountId} is open already: use another id.` });
    return [{ type: 'AccountOpened', data: { owner: command.owner } }];
  }
  if (account === undefined) throw accountNotFound(accountId);
  if (account.closed) throw new AccountProblem({ status: 409, code: 'account_closed', title: 'Account closed', detail: `Account ${accountId} is closed: open a new one.` });
  switch (command.type) {
    case 'deposit':
      return [{ type: 'MoneyDeposited', data: { amount: command.amount } }];
    case 'withdraw':
      if (command.amount > account.balance) {
        throw new AccountProblem({
          status: 409,
          code: 'insufficient_funds',
          title: 'Insufficient funds',
          detail: `Account ${accountId} holds ${account.balance}; withdrawing ${command.amount} would overdraw it: withdraw at most ${account.balance}.`,
          extensions: { balance: account.balance },
        });
      }
      return [{ type: 'MoneyWithdrawn', data: { amount: command.amount } }];
    case 'close':
      if (account.balance !== 0) {
        throw new AccountProblem({ status: 409, code: 'account_not_empty', title: 'Account not empty', detail: `Account ${accountId} holds ${account.balance}: withdraw it before closing.`, extensions: { balance: account.balance } });
      }
      return [{ type: 'AccountClosed', data: {} }];
  }
}
