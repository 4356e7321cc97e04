import { describe, expect, it } from 'vitest';
import { declareStream, produce, readRecords, type StreamRecord } from '../support/streams.ts';

const PRODUCERS = 8;
const RECORDS_EACH = 500;
const PER_REQUEST = 100;

/** Reads a partition from offset 0 to its high watermark. */
async function readAll(name: string): Promise<StreamRecord[]> {
  const records: StreamRecord[] = [];
  for (;;) {
    const page = await readRecords(name, 0, `offset=${records.length}&limit=1000`);
    records.push(...page.records);
    if (page.records.length === 0 || page.nextOffset >= page.highWatermark) return records;
  }
}

describe('streams: offsets under concurrent producers', () => {
  it(`gives ${PRODUCERS} producers x ${RECORDS_EACH} records on one partition offsets 0..${PRODUCERS * RECORDS_EACH - 1}, none missing or doubled, each producer in order`, async () => {
    const name = await declareStream({ partitions: 1 });
    const producer = async (id: number) => {
      for (let start = 0; start < RECORDS_EACH; start += PER_REQUEST) {
        const records = Array.from({ length: PER_REQUEST }, (_, i) => ({ value: { producer: id, n: start + i }, partition: 0 }));
        const placed = await produce(name, { records });
        // A request's records for one partition get consecutive offsets.
        expect(placed.map((p) => p.offset - placed[0]!.offset)).toEqual(records.map((_, i) => i));
      }
    };
    await Promise.all(Array.from({ length: PRODUCERS }, (_, id) => producer(id)));

    const records = await readAll(name);
    expect(records.map((record) => record.offset)).toEqual(Array.from({ length: PRODUCERS * RECORDS_EACH }, (_, i) => i));
    for (let id = 0; id < PRODUCERS; id++) {
      const own = records.map((record) => record.value as { producer: number; n: number }).filter((value) => value.producer === id);
      expect(own.map((value) => value.n), `producer ${id} out of order`).toEqual(Array.from({ length: RECORDS_EACH }, (_, i) => i));
    }
    // Log-append time never goes back along the partition.
    expect(records.every((record, i) => i === 0 || record.timestamp >= records[i - 1]!.timestamp)).toBe(true);
  });
});
