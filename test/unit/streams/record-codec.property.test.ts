import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinedBytes, joinRecords, packRecord, unpackRecords, type StreamRecord } from '../../../functions/core/streams/record-codec.ts';
import { streamRecord } from './arbitraries.ts';

describe('Function: packRecord / unpackRecords', () => {
  it('round-trips any records through a joined segment, with each one\'s packed size', () => {
    fc.assert(
      fc.property(fc.array(streamRecord, { maxLength: 20 }), (records: StreamRecord[]) => {
        const packed = records.map(packRecord);

        const unpacked = unpackRecords(joinRecords(packed));

        expect(unpacked.map(({ bytes: _, ...record }) => record)).toEqual(records);
        expect(unpacked.map((record) => record.bytes)).toEqual(packed.map((record) => record.bytes));
      }),
    );
  });

  it('knows the joined size without joining', () => {
    fc.assert(
      fc.property(fc.array(streamRecord, { maxLength: 20 }), (records) => {
        const packed = records.map(packRecord);

        expect(joinedBytes(packed)).toBe(Buffer.byteLength(joinRecords(packed)));
      }),
    );
  });

  it('frames a keyless record without headers in 7 bytes', () => {
    expect(packRecord({ key: null, value: 'x'.repeat(98), headers: {} })).toEqual({ json: `[null,"${'x'.repeat(98)}"]`, bytes: 107 });
  });
});
