import { describe, expect, it } from 'vitest';
import { appendRequestSchema } from '../../../functions/core/event-store/append-request.ts';
import { meetsExpectation, positionOf } from '../../../functions/core/event-store/expected-version.ts';
import { InvalidRequestError } from '../../../functions/core/problems/index.ts';
import { parseRequest } from '../../../functions/core/validation.ts';

let ids = 0;
const parse = (body: unknown) => parseRequest(appendRequestSchema(() => `generated-${++ids}`), body, 'request body');

describe('appendRequestSchema', () => {
  it('defaults the expectation to any, schemaVersion to 1 and metadata to {}, and gives events without an id a fresh one', () => {
    const request = parse({ events: [{ type: 'A', data: null }, { eventId: 'e-1', type: 'B', data: 1, metadata: { m: 1 }, schemaVersion: 3 }] });

    expect(request.expectedVersion).toBe('any');
    expect(request.events[0]).toMatchObject({ idGiven: false, type: 'A', data: null, schemaVersion: 1, metadata: {} });
    expect(request.events[0]!.eventId).toMatch(/^generated-/);
    expect(request.events[1]).toEqual({ eventId: 'e-1', idGiven: true, type: 'B', data: 1, metadata: { m: 1 }, schemaVersion: 3 });
  });

  it.each([
    ['no events', { events: [] }],
    ['101 events', { events: Array.from({ length: 101 }, () => ({ type: 'A', data: 1 })) }],
    ['an event without data', { events: [{ type: 'A' }] }],
    ['a type with a space', { events: [{ type: 'A B', data: 1 }] }],
    ['an event id twice', { events: [{ eventId: 'x', type: 'A', data: 1 }, { eventId: 'x', type: 'A', data: 2 }] }],
    ['a negative version', { expectedVersion: -1, events: [{ type: 'A', data: 1 }] }],
    ['an unknown expectation', { expectedVersion: 'latest', events: [{ type: 'A', data: 1 }] }],
    ['schemaVersion 0', { events: [{ type: 'A', data: 1, schemaVersion: 0 }] }],
  ])('refuses %s with a 400', (_, body) => {
    expect(() => parse(body)).toThrow(InvalidRequestError);
  });
});

describe('meetsExpectation and positionOf', () => {
  it.each([
    ['any', null, true],
    ['any', 4, true],
    ['no_stream', null, true],
    ['no_stream', 0, false],
    ['exists', null, false],
    ['exists', 0, true],
    [3, 3, true],
    [3, 4, false],
    [0, null, false],
  ] as const)('expectation %s on a stream at %s: %s', (expected, current, meets) => {
    expect(meetsExpectation(expected, current)).toBe(meets);
  });

  it('places a repeat right after a version, or before the first event for no_stream; any and exists name no place', () => {
    expect([positionOf(7), positionOf('no_stream'), positionOf('any'), positionOf('exists')]).toEqual([7, -1, undefined, undefined]);
  });
});
