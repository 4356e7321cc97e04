import { describe, expect, it } from 'vitest';
import * as catalogue from '../../../../functions/core/problems/index.ts';
import { declaredProblems } from '../../../support/problem-catalogue.ts';

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
