import { describe, expect, it } from 'vitest';
import { OffsetOutOfRangeError } from '../../../functions/core/problems/index.ts';

describe('offset out of range', () => {
  const bounds = { logStartOffset: 5, highWatermark: 9 };

  it('says that an offset above the high watermark is not written yet, without blaming retention', () => {
    const problem = new OffsetOutOfRangeError(1, 12, bounds);

    expect(problem).toMatchObject({ status: 416, code: 'offset_out_of_range', extensions: { partition: 1, offset: 12, ...bounds } });
    expect(problem.detail).toBe(
      "Offset 12 is above partition 1's high watermark 9: no record has been written there yet. Use an offset from 5 to 9 (the high watermark is where the next record will go).",
    );
  });

  it('says that an offset below the log start has passed the retention', () => {
    const problem = new OffsetOutOfRangeError(1, 2, bounds);

    expect(problem.detail).toBe(
      `Offset 2 is below partition 1's log start 5: its records have passed the stream's retention and are deleted. Use an offset from 5 to 9 (a group can reset to "earliest").`,
    );
  });
});
