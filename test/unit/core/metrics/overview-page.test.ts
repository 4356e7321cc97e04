import { describe, expect, it } from 'vitest';
import { decodeOverviewCursor, encodeOverviewCursor, kindOnPage, namesOnPage } from '../../../../functions/core/metrics/overview-page.ts';

describe('overview paging', () => {
  it('round-trips a cursor and refuses anything else', () => {
    const cursor = { kind: 'exchange', after: 'orders.eu' } as const;

    expect(decodeOverviewCursor(encodeOverviewCursor(cursor))).toEqual(cursor);
    for (const token of ['', 'not base64!', Buffer.from('["topic","x"]').toString('base64url'), Buffer.from('["queue",1]').toString('base64url'), Buffer.from('{}').toString('base64url')]) {
      expect(decodeOverviewCursor(token)).toBeUndefined();
    }
  });

  it('takes queues, then exchanges, then streams, each in name order after the cursor', () => {
    const cursor = { kind: 'exchange', after: 'b' } as const;

    expect(kindOnPage('queue', cursor)).toBe(false);
    expect(namesOnPage('queue', ['a'], cursor, 10)).toEqual([]);
    expect(namesOnPage('exchange', ['c', 'a', 'b', 'd'], cursor, 10)).toEqual(['c', 'd']);
    expect(namesOnPage('exchange', ['c', 'a', 'b', 'd'], cursor, 1)).toEqual(['c']);
    expect(namesOnPage('stream', ['z', 'y'], cursor, 10)).toEqual(['y', 'z']);
    expect(namesOnPage('stream', ['z', 'y'], undefined, 0)).toEqual([]);
  });

  it('continues after a resource deleted since the previous page', () => {
    expect(namesOnPage('queue', ['a', 'c'], { kind: 'queue', after: 'b' }, 10)).toEqual(['c']);
  });
});
