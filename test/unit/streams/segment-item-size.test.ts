import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { toSegmentItem } from '../../../functions/adapters/segment-store.ts';
import { itemBytes, writeUnits, type DynamoItem } from '../../../functions/core/dynamodb-item-size.ts';
import { MAX_ITEM_BYTES, MAX_RECORD_BYTES, SEGMENT_CAPACITY_BYTES } from '../../../functions/core/streams/limits.ts';
import { partitionKey } from '../../../functions/core/streams/log-keys.ts';
import { joinRecords, packRecord } from '../../../functions/core/streams/record-codec.ts';
import { planSegments } from '../../../functions/core/streams/segments.ts';
import { eventValues } from '../../../testing/sample-records.ts';

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
  const longestKey = partitionKey({ name: 's'.repeat(249), incarnation: 'f'.repeat(12) }, 1023);
  const sized = (item: Record<string, unknown>) => itemBytes(marshall(item) as DynamoItem);

  // Compression never stores more than the text (see compressRecords), so the text is the worst case.
  it('stay within DynamoDB\'s 400 KB for a full segment under the longest key, even stored as text', () => {
    const records = Array.from({ length: 3 }, () => packRecord({ key: null, value: 'x'.repeat(SEGMENT_CAPACITY_BYTES / 4), headers: {} }));
    const [full] = planSegments([...records, packRecord({ key: null, value: 'y'.repeat(SEGMENT_CAPACITY_BYTES / 4 - 64), headers: {} })], Number.MAX_SAFE_INTEGER - 10);
    const item = toSegmentItem(longestKey, full!, Number.MAX_SAFE_INTEGER, 9_999_999_999);

    const asText = sized({ ...item, r: joinRecords(full!.records) });

    expect(asText).toBeLessThanOrEqual(MAX_ITEM_BYTES);
    expect(asText).toBeGreaterThan(SEGMENT_CAPACITY_BYTES - 1024);
    expect(sized(item)).toBeLessThan(asText);
  });

  it('hold a single record of the largest size allowed', () => {
    const [segment] = planSegments([packRecord({ key: null, value: 'x'.repeat(MAX_RECORD_BYTES - 9), headers: {} })], 0);

    expect(sized({ ...toSegmentItem(longestKey, segment!, 0, 0), r: joinRecords(segment!.records) })).toBeLessThanOrEqual(MAX_ITEM_BYTES);
  });

  it('store compressed records as a Binary with their codec, and records that do not compress as text without one', () => {
    const compressed = toSegmentItem('s#a#0', { base: 0, records: eventValues(100).map((value) => packRecord({ key: null, value, headers: {} })) }, 0, 0);
    const tiny = toSegmentItem('s#a#0', { base: 0, records: [packRecord({ key: null, value: 1, headers: {} })] }, 0, 0);

    expect(marshall(compressed)).toMatchObject({ r: { B: expect.any(Uint8Array) }, c: { S: 'zstd' } });
    expect(marshall(tiny)).toMatchObject({ r: { S: '[[null,1]]' } });
    expect(tiny).not.toHaveProperty('c');
  });

  it('cost at most 0.1 write units a record for 100 records of about 100 bytes, with the tail, written in one transaction', () => {
    const records = eventValues(100).map((value) => packRecord({ key: null, value, headers: {} }));
    const segment = toSegmentItem(partitionKey({ name: 'orders', incarnation: 'f'.repeat(12) }, 0), { base: 1_000_000, records }, Date.now(), 9_999_999_999);

    // The tail is under 1 KB: 2 units in a transaction.
    expect((writeUnits(sized(segment), { transactional: true }) + 2) / records.length).toBeLessThanOrEqual(0.1);
  });
});
