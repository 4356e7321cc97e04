/** Splits `items` into lists of at most `size`, in order. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const lists: T[][] = [];
  for (let start = 0; start < items.length; start += size) lists.push(items.slice(start, start + size));
  return lists;
}

/** Options of the calls that send a long list in several requests. */
export interface BatchOptions {
  /**
   * Requests in flight at once. Above 1, batches may be stored out of order.
   * @default 1
   */
  readonly concurrency?: number;
  /** Called after each request with the number of items it carried (for a progress counter). */
  readonly onBatch?: (sent: number) => void;
}

/**
 * Sends each batch with `send`, `concurrency` at a time, and returns the results in the batches'
 * order. The first failure rejects (batches already sent stay sent) and starts no more.
 */
export async function sendBatches<T, R>(batches: readonly T[][], send: (batch: T[]) => Promise<R>, options: BatchOptions = {}): Promise<R[]> {
  const results: R[] = new Array(batches.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < batches.length) {
      const index = next++;
      try {
        results[index] = await send(batches[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
      options.onBatch?.(batches[index]!.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 1, batches.length) }, worker));
  return results;
}
