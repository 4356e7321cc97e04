import { describe, expect, it } from 'vitest';
import { AccountProblem, decide, evolve, type Account, type AccountEvent } from '../../../functions/examples/bank-account/account.ts';

const fold = (events: readonly AccountEvent[]): Account | undefined => events.reduce<Account | undefined>(evolve, undefined);
const opened: AccountEvent = { type: 'AccountOpened', data: { owner: 'Ada' } };

function refusal(run: () => unknown): AccountProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof AccountProblem) return error;
    throw error;
  }
  throw new Error('the command was accepted');
}

describe('the bank account aggregate', () => {
  it('folds its events into the balance', () => {
    const events: AccountEvent[] = [opened, { type: 'MoneyDeposited', data: { amount: 100 } }, { type: 'MoneyWithdrawn', data: { amount: 30 } }];
    expect(fold(events)).toEqual({ owner: 'Ada', balance: 70, closed: false });
    expect(fold([...events, { type: 'MoneyWithdrawn', data: { amount: 70 } }, { type: 'AccountClosed', data: {} }])).toEqual({ owner: 'Ada', balance: 0, closed: true });
  });

  it('opens an account once', () => {
    expect(decide(undefined, { type: 'open', accountId: 'a-1', owner: 'Ada' })).toEqual([opened]);
    expect(refusal(() => decide(fold([opened]), { type: 'open', accountId: 'a-1', owner: 'Bob' }))).toMatchObject({ status: 409, code: 'account_exists' });
  });

  it('withdraws what the account holds and refuses an overdraft, saying how much it holds', () => {
    const account = fold([opened, { type: 'MoneyDeposited', data: { amount: 50 } }]);
    expect(decide(account, { type: 'withdraw', accountId: 'a-1', amount: 50 })).toEqual([{ type: 'MoneyWithdrawn', data: { amount: 50 } }]);
    const overdraft = refusal(() => decide(account, { type: 'withdraw', accountId: 'a-1', amount: 51 }));
    expect(overdraft).toMatchObject({ status: 409, code: 'insufficient_funds', extensions: { balance: 50 } });
    expect(overdraft.detail).toBe('Account a-1 holds 50; withdrawing 51 would overdraw it: withdraw at most 50.');
  });

  it('closes only an empty account, and then takes no more commands', () => {
    const account = fold([opened, { type: 'MoneyDeposited', data: { amount: 5 } }]);
    expect(refusal(() => decide(account, { type: 'close', accountId: 'a-1' }))).toMatchObject({ status: 409, code: 'account_not_empty' });
    const closed = fold([opened, { type: 'AccountClosed', data: {} }]);
    expect(decide(fold([opened]), { type: 'close', accountId: 'a-1' })).toEqual([{ type: 'AccountClosed', data: {} }]);
    expect(refusal(() => decide(closed, { type: 'deposit', accountId: 'a-1', amount: 1 }))).toMatchObject({ status: 409, code: 'account_closed' });
  });

  it('refuses commands to an account never opened', () => {
    expect(refusal(() => decide(undefined, { type: 'deposit', accountId: 'a-9', amount: 1 }))).toMatchObject({ status: 404, code: 'account_not_found' });
  });
});
