/**
 * Which records of a batch Lambda retries after a function that reports batch item failures
 * answered `response`. A null response, or a null or empty `batchItemFailures`, is a full success;
 * an item identifier that is empty, missing or not in the batch, or a response of another shape,
 * fails the whole batch.
 */
export function recordsToRetry(response: unknown, batchIds: readonly string[]): ReadonlySet<string> {
  const everything = new Set(batchIds);
  if (response === null || response === undefined) return new Set();
  if (typeof response !== 'object' || Array.isArray(response)) return everything;
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return new Set();
  if (!Array.isArray(failures)) return everything;
  const retry = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !everything.has(id)) return everything;
    retry.add(id);
  }
  return retry;
}
