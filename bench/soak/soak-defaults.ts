/** The soak's memory sampling and growth bound, shared by `npm run bench:soak` and the soak test. */
export const soakDefaults = {
  sampleSeconds: 5,
  /**
   * Issue 19's emulator grew by about 2 GB a minute under this traffic, the fixed one by a few MB.
   * The rest of the slope is V8: the local runtime's heaps (one per function sandbox) grow in steps
   * of tens of MB before their first major collections, which over the short soak's 45 s second
   * half reads as up to ~40 MB/min (and settles over minutes: ~11 MB/min over a 4-minute run's).
   */
  maxGrowthMBPerMinute: 60,
} as const;
