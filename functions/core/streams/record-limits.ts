import { MAX_RECORD_BYTES, MAX_REQUEST_RECORD_BYTES } from './limits.ts';
import { RequestTooLargeError, RecordTooLargeError } from '../problems/index.ts';
import { packRecord, type PackedRecord, type StreamRecord } from './record-codec.ts';

/**
 * Packs a request's records, checking every limit before anything is written: each record must fit
 * a segment, and all of them one request (413 otherwise, and nothing is appended).
 */
export function packWithinLimits(records: readonly StreamRecord[]): PackedRecord[] {
  const packed = records.map(packRecord);
  packed.forEach((record, index) => {
    if (record.bytes > MAX_RECORD_BYTES) throw new RecordTooLargeError(index, record.bytes, MAX_RECORD_BYTES);
  });
  const total = packed.reduce((sum, record) => sum + record.bytes, 0);
  if (total > MAX_REQUEST_RECORD_BYTES) throw new RequestTooLargeError(total, MAX_REQUEST_RECORD_BYTES);
  return packed;
}
