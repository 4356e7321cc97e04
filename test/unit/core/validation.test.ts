import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../../functions/core/problems/index.ts';
import { parseRequest } from '../../../functions/core/validation.ts';

const schema = z.strictObject({ items: z.array(z.strictObject({ n: z.number() })) });

describe('parseRequest', () => {
  it('returns the parsed value when the input is valid', () => {
    expect(parseRequest(schema, { items: [{ n: 1 }] }, 'request body')).toEqual({ items: [{ n: 1 }] });
  });

  it('throws a 400 listing every issue with a dotted path', () => {
    const act = () => parseRequest(schema, { items: [{ n: 1 }, { n: 'x' }], extra: true }, 'request body');

    expect(act).toThrow(InvalidRequestError);
    try {
      act();
    } catch (error) {
      const problem = error as InvalidRequestError;
      expect(problem.status).toBe(400);
      expect(problem.extensions.errors).toEqual([
        { path: 'items.1.n', message: expect.any(String) },
        { path: '', message: 'Unrecognized key: "extra"' },
      ]);
      expect(problem.detail).toMatch(/^The request body is invalid: items\.1\.n: .+ \(and 1 more, listed in errors\)\.$/);
    }
  });
});
