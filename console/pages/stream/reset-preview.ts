import type { Group, ResetTarget, StreamClient, StreamDescription } from '../../../client/index.ts';

export interface OffsetChange {
  readonly partition: number;
  readonly committed: number | null;
  readonly after: number;
}

/**
 * What a reset would commit per partition, worked out from the public API before it is sent: the
 * log start or high watermark, the first offset at or after a time (read as the reset reads it),
 * or the offsets given. Partitions an offsets reset does not name keep theirs.
 */
export async function previewReset(stream: StreamClient, offsets: StreamDescription['offsets'], group: Group | undefined, to: ResetTarget): Promise<OffsetChange[]> {
  const committed = (partition: number) => group?.partitions.find((entry) => entry.partition === partition)?.committedOffset ?? null;
  if (typeof to === 'object' && 'offsets' in to) {
    return to.offsets.map(({ partition, offset }) => ({ partition, committed: committed(partition), after: offset }));
  }
  return Promise.all(
    offsets.map(async ({ partition, logStartOffset, highWatermark }) => {
      let after = to === 'earliest' ? logStartOffset : highWatermark;
      if (typeof to === 'object') {
        const { records } = await stream.read(partition, { timestamp: new Date(to.timestamp).toISOString(), max: 1 });
        after = records[0]?.offset ?? highWatermark;
      }
      return { partition, committed: committed(partition), after };
    }),
  );
}
