/** The records of one request that go to one partition: their indexes in the request, in order. */
export interface PartitionSlice {
  readonly partition: number;
  readonly indexes: readonly number[];
}

/** Groups a request's records by partition, keeping each partition's records in request order. */
export function slicesByPartition(partitions: readonly number[]): PartitionSlice[] {
  const byPartition = new Map<number, number[]>();
  partitions.forEach((partition, index) => {
    const indexes = byPartition.get(partition) ?? [];
    indexes.push(index);
    byPartition.set(partition, indexes);
  });
  return [...byPartition].map(([partition, indexes]) => ({ partition, indexes }));
}

export interface RecordPlacement {
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
}

/** Where each record landed, in request order, from where each slice's first record landed. */
export function placements(slices: readonly PartitionSlice[], appended: ReadonlyArray<{ readonly baseOffset: number; readonly timestamp: number }>): RecordPlacement[] {
  const result: RecordPlacement[] = [];
  slices.forEach((slice, sliceIndex) => {
    const { baseOffset, timestamp } = appended[sliceIndex]!;
    slice.indexes.forEach((recordIndex, position) => {
      result[recordIndex] = { partition: slice.partition, offset: baseOffset + position, timestamp };
    });
  });
  return result;
}
