import { describe, expect, it } from 'vitest';
import { pollOrder, pollWaitSeconds, priorityLevel } from '../../../functions/core/priority-levels.ts';

describe('priorityLevel', () => {
  it('puts a message at the level of its priority', () => {
    expect(priorityLevel(3, 5)).toBe(3);
  });

  it('counts no priority as 0', () => {
    expect(priorityLevel(undefined, 5)).toBe(0);
  });

  it('counts a priority above the maximum as the maximum', () => {
    expect(priorityLevel(255, 5)).toBe(5);
  });

  it('has only level 0 on a queue without priorities', () => {
    expect(priorityLevel(9, undefined)).toBe(0);
  });
});

describe('receive plan', () => {
  it('polls a queue without priorities once', () => {
    expect(pollOrder(undefined)).toEqual([0]);
  });

  it('polls every level, highest first', () => {
    expect(pollOrder(3)).toEqual([3, 2, 1, 0]);
  });

  it('long-polls only level 0, and only when the levels above found nothing', () => {
    expect(pollWaitSeconds(0, 0, 20)).toBe(20);
    expect(pollWaitSeconds(0, 1, 20)).toBe(0);
    expect(pollWaitSeconds(2, 0, 20)).toBe(0);
  });
});
