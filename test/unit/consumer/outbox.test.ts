import { describe, expect, it } from 'vitest';
import { outboxWrite } from '../../../functions/consumer/outbox.ts';
import { publishedPrefix } from '../../../functions/core/outbox.ts';

describe('outboxWrite', () => {
  it('appends the messages to the aggregate’s outbox item, bodies as JSON text', () => {
    const write = outboxWrite({
      tableName: 'accounts',
      key: { pk: 'account-1', sk: 'outbox' },
      messages: [{ id: 'm-1', body: { amount: 30 }, routingKey: 'withdrawals.large' }, { id: 'm-2', body: null, key: 'account-1', headers: { source: 'bank' } }],
    });
    expect(write).toEqual({
      Update: {
        TableName: 'accounts',
        Key: { pk: 'account-1', sk: 'outbox' },
        UpdateExpression: 'SET #outbox = list_append(if_not_exists(#outbox, :none), :entries)',
        ExpressionAttributeNames: { '#outbox': 'postroomOutbox' },
        ExpressionAttributeValues: {
          ':none': [],
          ':entries': [
            { id: 'm-1', body: '{"amount":30}', routingKey: 'withdrawals.large' },
            { id: 'm-2', body: 'null', key: 'account-1', headers: { source: 'bank' } },
          ],
        },
      },
    });
  });

  it('gives each message without an id a fresh one', () => {
    const [first, second] = outboxWrite({ tableName: 't', key: { id: 'a' }, messages: [{ body: 1 }, { body: 2 }] }).Update.ExpressionAttributeValues[':entries'];
    expect(first!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second!.id).not.toBe(first!.id);
  });

  it('refuses an empty list', () => {
    expect(() => outboxWrite({ tableName: 't', key: { id: 'a' }, messages: [] })).toThrow('at least one message');
  });
});

describe('publishedPrefix', () => {
  it('counts the entries from the start that were published, up to the first that was not', () => {
    const entries = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(publishedPrefix(entries, new Set(['a', 'b']))).toBe(2);
    expect(publishedPrefix(entries, new Set(['a', 'b', 'c', 'z']))).toBe(3);
    expect(publishedPrefix(entries, new Set(['b']))).toBe(0);
    expect(publishedPrefix([], new Set(['a']))).toBe(0);
  });
});
