import { describe, expect, it } from 'vitest';
import { AccountProblem, decide, evolve, REMEMBERED_COMMANDS, type Account, type AccountEvent } from '../../../functions/examples/bank-account/account.ts';

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
    expect(fold(events)).toEqual({ owner: 'Ada', balance: 70, closed: false, appliedCommands: [] });
    expect(fold([...events, { type: 'MoneyWithdrawn', data: { amount: 70 } }, { type: 'AccountClosed', data: {} }])).toEqual({ owner: 'Ada', balance: 0, closed: true, appliedCommands: [] });
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

  it('applies a command once: its events name it, and the account remembers the last commands applied', () => {
    const deposit = { type: 'deposit', accountId: 'a-1', amount: 100, commandId: 'm-2' } as const;
    const [deposited] = decide(fold([opened]), deposit);
    expect(deposited).toEqual({ type: 'MoneyDeposited', data: { amount: 100 }, metadata: { commandId: 'm-2' } });
    const account = fold([{ ...opened, metadata: { commandId: 'm-1' } }, deposited!]);
    expect(account).toEqual({ owner: 'Ada', balance: 100, closed: false, appliedCommands: ['m-1', 'm-2'] });
    // Its message again, after a crash between the append and the idempotency record: nothing new.
    expect(decide(account, deposit)).toEqual([]);
    expect(decide(account, { type: 'open', accountId: 'a-1', owner: 'Ada', commandId: 'm-1' })).toEqual([]);

    const many = Array.from({ length: REMEMBERED_COMMANDS + 1 }, (_, index): AccountEvent => ({ type: 'MoneyDeposited', data: { amount: 1 }, metadata: { commandId: `d-${index}` } }));
    const busy = fold([opened, ...many])!;
    expect(busy.appliedCommands).toHaveLength(REMEMBERED_COMMANDS);
    expect(busy.appliedCommands!.at(-1)).toBe(`d-${REMEMBERED_COMMANDS}`);
    expect(decide(busy, { ...deposit, commandId: 'd-0' })).toHaveLength(1); // forgotten
  });

  it('decides on a state saved before accounts remembered their commands', () => {
    const saved: Account = { owner: 'Ada', balance: 5, closed: false };
    expect(decide(saved, { type: 'withdraw', accountId: 'a-1', amount: 5, commandId: 'm-9' })).toEqual([{ type: 'MoneyWithdrawn', data: { amount: 5 }, metadata: { commandId: 'm-9' } }]);
    expect(evolve(saved, { type: 'MoneyWithdrawn', data: { amount: 5 }, metadata: { commandId: 'm-9' } })).toEqual({ owner: 'Ada', balance: 0, closed: false, appliedCommands: ['m-9'] });
  });

  it('refuses commands to an account never opened', () => {
    expect(refusal(() => decide(undefined, { type: 'deposit', accountId: 'a-9', amount: 1 }))).toMatchObject({ status: 404, code: 'account_not_found' });
  });
});
