import { describe, expect, it } from 'vitest';
import type { ProposedEvent } from '../../../functions/core/event-store/append-request.ts';
import { judgeRepeat, logRecord, packEvents, unpackCommit, type RecordedEvent } from '../../../functions/core/event-store/event-codec.ts';

const proposed = (eventId: string, data: unknown = 1, idGiven = true): ProposedEvent => ({ eventId, idGiven, type: 'T', schemaVersion: 1, data, metadata: {} });
const AT = Date.parse('2026-12-01T00:00:00Z');
const recorded = (events: ProposedEvent[], firstVersion: number): RecordedEvent[] => events.map((event, index) => ({ ...event, version: firstVersion + index, recordedAt: AT }));

describe('packEvents and unpackCommit', () => {
  it('round-trip an append with versions from the first and the commit time, metadata only when given', () => {
    const events = [proposed('a', { x: [1] }), { ...proposed('b', null), metadata: { user: 'u' }, schemaVersion: 2 }];
    const packed = packEvents(events);

    expect(packed.json).toBe('[["a","T",1,{"x":[1]}],["b","T",2,null,{"user":"u"}]]');
    expect(packed.bytes).toBe(Buffer.byteLength(packed.json));
    expect(unpackCommit({ firstVersion: 7, recordedAt: AT, events: packed.json })).toEqual([
      { eventId: 'a', type: 'T', schemaVersion: 1, data: { x: [1] }, metadata: {}, version: 7, recordedAt: AT },
      { eventId: 'b', type: 'T', schemaVersion: 2, data: null, metadata: { user: 'u' }, version: 8, recordedAt: AT },
    ]);
  });
});

describe('logRecord', () => {
  it('keys an event by its stream id, its value the event with its stream, version and time', () => {
    const [event] = recorded([proposed('a', { n: 1 })], 4);
    expect(logRecord('acc-1', event!)).toEqual({
      key: 'acc-1',
      value: { streamId: 'acc-1', version: 4, eventId: 'a', type: 'T', schemaVersion: 1, data: { n: 1 }, metadata: {}, recordedAt: '2026-12-01T00:00:00.000Z' },
      headers: {},
    });
  });
});

describe('judgeRepeat', () => {
  const stored = recorded([proposed('a'), proposed('b'), proposed('c')], 10);

  it('finds the same ids with the same content at consecutive versions: a repeat of that append', () => {
    expect(judgeRepeat([proposed('b'), proposed('c')], stored)).toEqual({ kind: 'repeat', firstVersion: 11, lastVersion: 12 });
  });

  it('calls ids it does not find, and generated ids, new', () => {
    expect(judgeRepeat([proposed('d'), proposed('a', 1, false)], stored)).toEqual({ kind: 'new' });
  });

  it.each([
    ['other content', [proposed('a', 2)], 'a', 10],
    ['another order', [proposed('b'), proposed('a')], 'b', 11],
    ['part of an append with a new id', [proposed('x'), proposed('c')], 'c', 12],
    ['a gap', [proposed('a'), proposed('c')], 'a', 10],
  ])('calls a found id with %s a conflict', (_, events, eventId, version) => {
    expect(judgeRepeat(events, stored)).toEqual({ kind: 'conflict', eventId, version });
  });
});
