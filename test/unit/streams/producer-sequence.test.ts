import { describe, expect, it } from 'vitest';
import { judgeSequence, type ProducerState } from '../../../functions/core/streams/producer-sequence.ts';

const state: ProducerState = { firstSequence: 10, lastSequence: 14, baseOffset: 100, timestamp: 1 };

describe('Function: judgeSequence', () => {
  it('appends a new producer\'s first batch at sequence 0, and each next batch right after the last', () => {
    expect(judgeSequence(undefined, 0, 3)).toEqual({ kind: 'append' });
    expect(judgeSequence(state, 15, 1)).toEqual({ kind: 'append' });
  });

  it('recognises a repeat of the last batch as a duplicate carrying its original offsets', () => {
    expect(judgeSequence(state, 10, 5)).toEqual({ kind: 'duplicate', state });
  });

  it.each([
    ['a new producer starting past 0', undefined, 3, 1, 0],
    ['a gap after the last batch', state, 17, 1, 15],
    ['a batch older than the last one', state, 5, 5, 15],
    ['the last batch\'s sequence with another record count', state, 10, 4, 15],
  ])('rejects %s as out of order', (_what, previous, sequence, count, expectedSequence) => {
    expect(judgeSequence(previous, sequence, count)).toEqual({ kind: 'outOfOrder', expectedSequence });
  });
});
