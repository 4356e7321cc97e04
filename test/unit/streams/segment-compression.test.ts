import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinRecords, packRecord } from '../../../functions/core/streams/record-codec.ts';
import { compressRecords, decompressRecords, type StoredRecords } from '../../../functions/core/streams/segment-compression.ts';
import { eventValues } from '../../../testing/sample-records.ts';
import { streamRecord } from './arbitraries.ts';

const joined = (values: readonly unknown[]) => joinRecords(values.map((value) => packRecord({ key: null, value, headers: {} })));
const storedBytes = (stored: StoredRecords) => (typeof stored === 'string' ? Buffer.byteLength(stored) : stored.bytes.byteLength);

describe('Function: compressRecords / decompressRecords', () => {
  it('round-trips any segment, and never stores more bytes than its text', () => {
    fc.assert(
      fc.property(fc.array(streamRecord, { minLength: 1, maxLength: 20 }), (records) => {
        const text = joinRecords(records.map(packRecord));

        const stored = compressRecords(text);

        expect(decompressRecords(stored)).toBe(text);
        expect(storedBytes(stored)).toBeLessThanOrEqual(Buffer.byteLength(text));
      }),
    );
  });

  it('compresses 100 records of about 100 bytes with zstd, naming the codec, to well under a third', () => {
    const text = joined(eventValues(100));

    const stored = compressRecords(text);

    expect(stored).toMatchObject({ codec: 'zstd' });
    expect(storedBytes(stored)).toBeLessThan(Buffer.byteLength(text) / 3);
  });

  it('keeps a segment as text when compression would not make it smaller', () => {
    expect(compressRecords('[[null,1]]')).toBe('[[null,1]]');
  });

  it('reads a segment stored as text, as every segment was before compression', () => {
    expect(decompressRecords('[["k",1],[null,2]]')).toBe('[["k",1],[null,2]]');
  });

  it('refuses a codec it does not know rather than misread the records', () => {
    const stored = { codec: 'lz4', bytes: Uint8Array.of(1, 2, 3) } as unknown as StoredRecords;

    expect(() => decompressRecords(stored)).toThrow('unknown codec "lz4"');
  });
});
