import { describe, expect, it } from 'vitest';
import { upcast, type LoggedEvent } from '../../../functions/core/event-store/upcasting.ts';

const event = (type: string, schemaVersion: number, data: unknown): LoggedEvent => ({
  streamId: 'acc',
  version: 3,
  eventId: 'e',
  type,
  schemaVersion,
  data,
  metadata: {},
  recordedAt: '2026-01-01T00:00:00.000Z',
});

describe('upcast', () => {
  const upcasters = {
    MoneyDeposited: {
      1: (data: { cents: number }) => ({ amount: data.cents / 100 }),
      2: (data: { amount: number }, lifted: LoggedEvent) => ({ ...data, currency: 'EUR', from: lifted.schemaVersion }),
    },
  };

  it('lifts an old version step by step to the current one', () => {
    expect(upcast(event('MoneyDeposited', 1, { cents: 250 }), upcasters)).toEqual({ ...event('MoneyDeposited', 3, { amount: 2.5, currency: 'EUR', from: 2 }) });
  });

  it('starts at the event’s own version', () => {
    expect(upcast(event('MoneyDeposited', 2, { amount: 1 }), upcasters)).toMatchObject({ schemaVersion: 3, data: { amount: 1, currency: 'EUR' } });
  });

  it('leaves current versions and types without upcasters as they are', () => {
    const current = event('MoneyDeposited', 3, { amount: 1, currency: 'EUR' });
    expect(upcast(current, upcasters)).toBe(current);
    const other = event('AccountOpened', 1, { owner: 'Ada' });
    expect(upcast(other, upcasters)).toBe(other);
  });
});
