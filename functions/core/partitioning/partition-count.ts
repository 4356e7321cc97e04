/** A partition count that is not a positive 32-bit integer: a bug in the caller, not bad input. */
export class InvalidPartitionCountError extends RangeError {
  constructor(partitions: number) {
    super(`partition count must be an integer from 1 to 2147483647; got ${partitions}`);
    this.name = 'InvalidPartitionCountError';
  }
}

export function assertPartitionCount(partitions: number): void {
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 0x7fffffff) {
    throw new InvalidPartitionCountError(partitions);
  }
}
