import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { segmentImageOf } from '../../../functions/adapters/segment-images.ts';
import { toSegmentItem } from '../../../functions/adapters/segment-store.ts';
import { joinRecords, packRecord } from '../../../functions/core/streams/record-codec.ts';
import { decompressRecords } from '../../../functions/core/streams/segment-compression.ts';
import { dynamodbStreamRecord } from '../../../local/event-sources/dynamodb-stream-record.ts';
import { eventValues } from '../../../testing/sample-records.ts';

const insert = (item: Record<string, unknown>) => ({ eventName: 'INSERT', dynamodb: { NewImage: marshall(item) as Record<string, unknown> } });

describe('Function: segmentImageOf', () => {
  it('decodes a new segment of the stream stored as text (as every segment before compression)', () => {
    const image = segmentImageOf(insert({ pk: 'orders#abc#2', sk: 10, n: 2, ts: 1000, r: '[["k",1],[null,2]]', expiresAt: 1 }), 'orders');
    expect(image).toEqual({ stream: { name: 'orders', incarnation: 'abc' }, partition: 2, segment: { base: 10, count: 2, timestamp: 1000, records: '[["k",1],[null,2]]' } });
  });

  it('decodes a compressed segment from the base64 the event carries its records in', () => {
    const records = eventValues(100).map((value) => packRecord({ key: null, value, headers: {} }));
    const item = marshall(toSegmentItem('orders#abc#2', { base: 10, records }, 1000, 1));
    // As Lambda's poller (and the local runtime) shape it: a Binary attribute becomes base64.
    const record = dynamodbStreamRecord({ eventName: 'INSERT', dynamodb: { NewImage: item } }, 'arn');

    const image = segmentImageOf(record, 'orders');

    expect(image?.segment).toMatchObject({ base: 10, count: 100, timestamp: 1000, records: { codec: 'zstd' } });
    expect(decompressRecords(image!.segment.records)).toBe(joinRecords(records));
  });

  it('skips tails, producer states, removals and other streams', () => {
    expect(segmentImageOf(insert({ pk: 'orders#abc#2', sk: -1, end: 3, ts: 1 }), 'orders')).toBeUndefined();
    expect(segmentImageOf(insert({ pk: 'orders#abc#2#producer', sk: 0, firstSeq: 0 }), 'orders')).toBeUndefined();
    expect(segmentImageOf(insert({ pk: 'other#abc#2', sk: 0, n: 1, ts: 1, r: '[[null,1]]' }), 'orders')).toBeUndefined();
    expect(segmentImageOf({ eventName: 'REMOVE', dynamodb: {} }, 'orders')).toBeUndefined();
  });
});
