import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as catalogue from '../../../../functions/core/problems/index.ts';

const folder = join(import.meta.dirname, '..', '..', '..', '..', 'functions', 'core', 'problems');

/** Every `status: N, code: 'x'` the catalogue's sources declare, with the class it is in. */
function declaredProblems(): Array<{ className: string; status: number; code: string }> {
  return readdirSync(folder).flatMap((file) => {
    const source = readFileSync(join(folder, file), 'utf8');
    return [...source.matchAll(/export class (\w+) extends ProblemError \{[\s\S]*?status: (\d+),\s*code: '(\w+)'/g)].map(([, className, status, code]) => ({
      className: className!,
      status: Number(status),
      code: code!,
    }));
  });
}

describe('Problem catalogue', () => {
  const problems = declaredProblems();

  it('declares every problem class it exports, each with a literal status and code', () => {
    const exported = Object.entries(catalogue)
      .filter(([, value]) => typeof value === 'function' && value.prototype instanceof catalogue.ProblemError)
      .map(([name]) => name)
      .sort();
    expect(problems.map((problem) => problem.className).sort()).toEqual(exported);
  });

  it('gives each code one status, so that clients can branch on the code alone', () => {
    const statuses = new Map<string, Set<number>>();
    for (const { code, status } of problems) statuses.set(code, (statuses.get(code) ?? new Set()).add(status));
    const ambiguous = [...statuses].filter(([, seen]) => seen.size > 1).map(([code, seen]) => `${code}: ${[...seen].join(', ')}`);
    expect(ambiguous).toEqual([]);
  });

  it('names each class after its code', () => {
    const misnamed = problems.filter(({ className, code }) => catalogue.errorName(code) !== className && className !== 'RequestUnroutableError');
    expect(misnamed).toEqual([]);
  });
});
