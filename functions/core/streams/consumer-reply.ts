/**
 * The first failed offset a consumer function reported, Lambda's partial-batch convention with
 * offsets as item identifiers: `{batchItemFailures: [{itemIdentifier: "42"}]}`. undefined when it
 * reported none or something unreadable (then the whole delivery counts as failed or succeeded by
 * whether the function threw, as for any other reply).
 */
export function firstFailedOffset(reply: unknown): number | undefined {
  const failures = (reply as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  if (!Array.isArray(failures)) return undefined;
  const offsets = failures
    .map((failure) => Number((failure as { itemIdentifier?: unknown } | null)?.itemIdentifier))
    .filter((offset) => Number.isSafeInteger(offset) && offset >= 0);
  return offsets.length === 0 ? undefined : Math.min(...offsets);
}
