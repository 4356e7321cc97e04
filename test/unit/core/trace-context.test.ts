import { describe, expect, it } from 'vitest';
import { parseTraceparent, withTraceparent } from '../../../functions/core/trace-context.ts';

const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('parseTraceparent', () => {
  it('reads a W3C traceparent', () => {
    expect(parseTraceparent(valid)).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentId: '00f067aa0ba902b7' });
  });

  it.each([undefined, '', 'garbage', valid.toUpperCase(), `01${valid.slice(2)}`, '00-00000000000000000000000000000000-00f067aa0ba902b7-01', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'])(
    'refuses %j',
    (value) => {
      expect(parseTraceparent(value)).toBeUndefined();
    },
  );
});

describe('withTraceparent', () => {
  it("adds the request's traceparent, keeping the producer's own", () => {
    expect(withTraceparent({ a: 1 }, valid)).toEqual({ a: 1, traceparent: valid });
    expect(withTraceparent({ traceparent: 'mine' }, valid)).toEqual({ traceparent: 'mine' });
    expect(withTraceparent({ a: 1 }, undefined)).toEqual({ a: 1 });
  });
});
