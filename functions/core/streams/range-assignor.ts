/**
 * Kafka's RangeAssignor for one topic: members sorted by id each take a contiguous range of
 * partitions, `partitions / members` each and one more for the first `partitions % members`, so
 * every partition has exactly one member, shares differ by at most one, and the same members and
 * partition count always give the same assignment.
 */
export function assignRanges(memberIds: readonly string[], partitions: number): Map<string, number[]> {
  const sorted = [...memberIds].sort();
  const share = Math.floor(partitions / sorted.length);
  const extra = partitions % sorted.length;
  const assignment = new Map<string, number[]>();
  let next = 0;
  sorted.forEach((id, index) => {
    const count = share + (index < extra ? 1 : 0);
    assignment.set(id, Array.from({ length: count }, (_, offset) => next + offset));
    next += count;
  });
  return assignment;
}
