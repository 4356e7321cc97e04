import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { segmentImageOf } from '../../../functions/adapters/segment-images.ts';

const insert = (item: Record<string, unknown>) => ({ eventName: 'INSERT', dynamodb: { NewImage: marshall(item) as Record<string, unknown> } });

describe('Function: segmentImageOf', () => {
  it('decodes a new segment of the stream', () => {
    const image = segmentImageOf(insert({ pk: 'orders#abc#2', sk: 10, n: 2, ts: 1000, r: '[["k",1],[null,2]]', expiresAt: 1 }), 'orders');
    expect(image).toEqual({ stream: { name: 'orders', incarnation: 'abc' }, partition: 2, segment: { base: 10, count: 2, timestamp: 1000, records: '[["k",1],[null,2]]' } });
  });

  it('skips tails, producer states, removals and other streams', () => {
    expect(segmentImageOf(insert({ pk: 'orders#abc#2', sk: -1, end: 3, ts: 1 }), 'orders')).toBeUndefined();
    expect(segmentImageOf(insert({ pk: 'orders#abc#2#producer', sk: 0, firstSeq: 0 }), 'orders')).toBeUndefined();
    expect(segmentImageOf(insert({ pk: 'other#abc#2', sk: 0, n: 1, ts: 1, r: '[[null,1]]' }), 'orders')).toBeUndefined();
    expect(segmentImageOf({ eventName: 'REMOVE', dynamodb: {} }, 'orders')).toBeUndefined();
  });
});
