import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES, MAX_REQUEST_RECORD_BYTES } from '../../../functions/core/streams/limits.ts';
import { RequestTooLargeError, RecordTooLargeError } from '../../../functions/core/problems/index.ts';
import { packWithinLimits } from '../../../functions/core/streams/record-limits.ts';

/** A keyless record packed to exactly `bytes` ([null,"…"] takes 9 bytes of framing). */
const ofBytes = (bytes: number) => ({ key: null, value: 'x'.repeat(bytes - 9), headers: {} });

describe('Function: packWithinLimits', () => {
  it('packs records that fit a segment each and a request together', () => {
    expect(packWithinLimits([ofBytes(MAX_RECORD_BYTES)]).map((record) => record.bytes)).toEqual([MAX_RECORD_BYTES]);
  });

  it('refuses a record too large for a segment with 413 record_too_large, naming it', () => {
    expect(() => packWithinLimits([ofBytes(10), ofBytes(MAX_RECORD_BYTES + 1)])).toThrow(RecordTooLargeError);
    expect(() => packWithinLimits([ofBytes(10), ofBytes(MAX_RECORD_BYTES + 1)])).toThrow(expect.objectContaining({ status: 413, extensions: expect.objectContaining({ index: 1 }) }));
  });

  it('refuses records adding up to more than a request may hold with 413 request_too_large', () => {
    const records = Array.from({ length: 11 }, () => ofBytes(Math.ceil(MAX_REQUEST_RECORD_BYTES / 10)));

    expect(() => packWithinLimits(records)).toThrow(RequestTooLargeError);
  });
});
