import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { call, uniqueName } from '../support/client.ts';
import { bind } from '../support/exchanges.ts';
import { ack, declareQueue, receive, receiveAll } from '../support/queues.ts';

// The example bank account (README, "Example: a bank account"), deployed with the stack and driven
// over HTTP only: commands are RPC requests through the exchange bank.commands, answered by its
// command handler; large withdrawals are announced on bank.notifications; the balance query reads
// the balances projection.

/** Sends a command and answers the handler's reply: its `status` header and body. */
async function command(body: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const response = await call('POST', '/v1/exchanges/bank.commands/rpc', { routingKey: 'account', body, timeoutMs: 20_000 });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return { status: response.body.headers.status, body: response.body.body };
}

async function accepted(body: Record<string, unknown>): Promise<any> {
  const reply = await command(body);
  expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
  return reply.body;
}

/** The balance query until the projection shows `expected` (it follows the log, so it may lag). */
async function projected(accountId: string, expected: Record<string, unknown>): Promise<unknown> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const reply = await command({ type: 'balance', accountId });
    if (reply.status === 200 && Object.entries(expected).every(([key, value]) => reply.body[key] === value)) return reply.body;
    await sleep(500);
  }
  return (await command({ type: 'balance', accountId })).body;
}

describe('the bank account example over HTTP', () => {
  it('opens, deposits, refuses an overdraft, announces a large withdrawal, projects the balance and closes', { timeout: 120_000 }, async () => {
    const notified = await declareQueue({}, uniqueName('large-withdrawals'));
    await bind({ exchange: 'bank.notifications', queue: notified, bindingKey: 'withdrawal.large' });

    const opened = await command({ type: 'open', owner: 'Ada' });
    expect(opened).toMatchObject({ status: 201, body: { version: 0, owner: 'Ada', balance: 0, closed: false } });
    const { accountId } = opened.body;
    expect(await command({ type: 'open', accountId, owner: 'Bob' })).toMatchObject({ status: 409, body: { code: 'account_exists' } });

    await accepted({ type: 'deposit', accountId, amount: 700 });
    expect(await accepted({ type: 'deposit', accountId, amount: 800 })).toMatchObject({ version: 2, balance: 1500 });

    const overdraft = await command({ type: 'withdraw', accountId, amount: 2000 });
    expect(overdraft).toMatchObject({ status: 409, body: { type: 'urn:postroom:problem:insufficient_funds', status: 409, code: 'insufficient_funds', balance: 1500 } });
    expect(overdraft.body.detail).toMatch(/withdraw at most 1500/);

    expect(await accepted({ type: 'withdraw', accountId, amount: 1200 })).toMatchObject({ version: 3, balance: 300 });
    expect(await accepted({ type: 'withdraw', accountId, amount: 100 })).toMatchObject({ version: 4, balance: 200 });
    expect(await command({ type: 'close', accountId })).toMatchObject({ status: 409, body: { code: 'account_not_empty', balance: 200 } });

    // Only the large withdrawal is announced, once.
    const [announcement, ...others] = await receiveAll(notified, 2, { waitSeconds: 10 });
    expect(announcement).toMatchObject({ routingKey: 'withdrawal.large', body: { accountId, amount: 1200, version: 3 } });
    expect(others).toEqual([]);
    await ack(notified, [announcement!.receipt]);

    expect(await projected(accountId, { balance: 200 })).toEqual({ accountId, balance: 200, closed: false });

    await accepted({ type: 'withdraw', accountId, amount: 200 });
    expect(await accepted({ type: 'close', accountId })).toMatchObject({ version: 6, balance: 0, closed: true });
    expect(await command({ type: 'deposit', accountId, amount: 5 })).toMatchObject({ status: 409, body: { code: 'account_closed' } });
    expect(await projected(accountId, { closed: true })).toEqual({ accountId, balance: 0, closed: true });
    expect(await receive(notified, { waitSeconds: 1 })).toEqual([]);
    await call('DELETE', `/v1/queues/${notified}`);
  });

  it('answers an invalid command and an unknown account with a problem', async () => {
    expect(await command({ type: 'deposit', accountId: 'account-nobody', amount: -5 })).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
    expect(await command({ type: 'deposit', accountId: uniqueName('account'), amount: 5 })).toMatchObject({ status: 404, body: { code: 'account_not_found' } });
  });
});
