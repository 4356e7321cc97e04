import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { toSegmentItem } from '../../../functions/adapters/segment-store.ts';
import { itemBytes, writeUnits, type DynamoItem } from '../../../functions/core/dynamodb-item-size.ts';
import { MAX_ITEM_BYTES, MAX_RECORD_BYTES, SEGMENT_CAPACITY_BYTES } from '../../../functions/core/streams/limits.ts';
import { partitionKey } from '../../../functions/core/streams/log-keys.ts';
import { packRecord } from '../../../functions/core/streams/record-codec.ts';
import { planSegments } from '../../../functions/core/streams/segments.ts';

describe('Function: itemBytes', () => {
  it('sizes names and values as DynamoDB does: strings by UTF-8 bytes, numbers by significant digits', () => {
    expect(itemBytes({ pk: { S: 'abc' }, ü: { S: '€' } })).toBe(2 + 3 + 2 + 3);
    expect(itemBytes({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemBytes({ n: { N: '-0.00120' } })).toBe(1 + 3);
    expect(itemBytes({ m: { M: { a: { BOOL: true } } }, l: { L: [{ NULL: true }] } })).toBe(1 + 3 + 1 + 1 + 1 + 1 + 3 + 1 + 1);
  });

  it('charges a write unit per started KB, two inside a transaction', () => {
    expect([writeUnits(1), writeUnits(1024), writeUnits(1025), writeUnits(10_871, { transactional: true })]).toEqual([1, 1, 2, 22]);
  });
});

describe('segment items', () => {
  it('stay within DynamoDB\'s 400 KB for a full segment under the longest key', () => {
    const stream = { name: 's'.repeat(249), incarnation: 'f'.repeat(12) };
    const records = Array.from({ length: 3 }, () => packRecord({ key: null, value: 'x'.repeat(SEGMENT_CAPACITY_BYTES / 4), headers: {} }));
    const [full] = planSegments([...records, packRecord({ key: null, value: 'y'.repeat(SEGMENT_CAPACITY_BYTES / 4 - 64), headers: {} })], Number.MAX_SAFE_INTEGER - 10);

    const item = marshall(toSegmentItem(partitionKey(stream, 1023), full!, Number.MAX_SAFE_INTEGER, 9_999_999_999)) as DynamoItem;

    expect(itemBytes(item)).toBeLessThanOrEqual(MAX_ITEM_BYTES);
    expect(itemBytes(item)).toBeGreaterThan(SEGMENT_CAPACITY_BYTES - 1024);
  });

  it('hold a single record of the largest size allowed', () => {
    const [segment] = planSegments([packRecord({ key: null, value: 'x'.repeat(MAX_RECORD_BYTES - 9), headers: {} })], 0);

    expect(itemBytes(marshall(toSegmentItem(partitionKey({ name: 's'.repeat(249), incarnation: 'f'.repeat(12) }, 1023), segment!, 0, 0)) as DynamoItem)).toBeLessThanOrEqual(MAX_ITEM_BYTES);
  });
});
