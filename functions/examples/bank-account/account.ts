import * as z from 'zod/mini';
import { ProblemError } from '../../core/problems/problem.ts';

/**
 * The bank account aggregate of the example (README, "Example: a bank account"): its events, the
 * fold that rebuilds its state from them, and the decisions that turn a command into new events
 * or refuse it with a problem. Pure: the command handler loads, decides and appends.
 */

/** A withdrawal of this much or more is announced on the exchange `bank.notifications`. */
export const LARGE_WITHDRAWAL = 1000;

/** The command an event came from: its message id (the same when the message comes again). */
export type EventMetadata = { readonly commandId?: string };

export type AccountEvent = (
  | { readonly type: 'AccountOpened'; readonly data: { readonly owner: string } }
  | { readonly type: 'MoneyDeposited'; readonly data: { readonly amount: number } }
  | { readonly type: 'MoneyWithdrawn'; readonly data: { readonly amount: number } }
  | { readonly type: 'AccountClosed'; readonly data: Record<string, never> }
) & { readonly metadata?: EventMetadata };

/** Also the snapshot's state. */
export interface Account {
  readonly owner: string;
  readonly balance: number;
  readonly closed: boolean;
  /**
   * The last REMEMBERED_COMMANDS commands applied, oldest first. A command's message comes again
   * when the handler crashed after its append and before its idempotency record was complete; the
   * account then already holds its events, and deciding again would apply it twice (the store's
   * idempotent append only recognises a repeat at the version it was first made on). Absent from
   * states saved before the example remembered them.
   */
  readonly appliedCommands?: readonly string[];
}

/** More commands than a redelivery can come after (within the queue's visibility timeout) on one account. */
export const REMEMBERED_COMMANDS = 50;

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
export type AccountCommand = Exclude<Command, { type: 'balance' }> & { readonly accountId: string; readonly commandId?: string };

/** A command the account refuses: answered as an RFC 9457 problem document. */
export class AccountProblem extends ProblemError {}

export const accountNotFound = (id: string) =>
  new AccountProblem({ status: 404, code: 'account_not_found', title: 'Account not found', detail: `Account ${id} does not exist: open it first.` });

/** The account after one more event; undefined before it was opened. */
export function evolve(account: Account | undefined, event: AccountEvent): Account {
  const after = apply(account, event);
  const commandId = event.metadata?.commandId;
  const applied = after.appliedCommands ?? [];
  if (commandId === undefined || applied.includes(commandId)) return after;
  return { ...after, appliedCommands: [...applied, commandId].slice(-REMEMBERED_COMMANDS) };
}

function apply(account: Account | undefined, event: AccountEvent): Account {
  switch (event.type) {
    case 'AccountOpened':
      return { owner: event.data.owner, balance: 0, closed: false, appliedCommands: [] };
    case 'MoneyDeposited':
      return { ...account!, balance: account!.balance + event.data.amount };
    case 'MoneyWithdrawn':
      return { ...account!, balance: account!.balance - event.data.amount };
    case 'AccountClosed':
      return { ...account!, closed: true };
  }
}

/**
 * The events a command makes of the account (none for a command it has applied already), or the
 * problem that refuses it. Each event names the command in its metadata.
 */
export function decide(account: Account | undefined, command: AccountCommand): AccountEvent[] {
  const { commandId } = command;
  if (commandId !== undefined && account?.appliedCommands?.includes(commandId)) return [];
  return decideAnew(account, command).map((event) => (commandId === undefined ? event : { ...event, metadata: { commandId } }));
}

function decideAnew(account: Account | undefined, command: AccountCommand): AccountEvent[] {
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
