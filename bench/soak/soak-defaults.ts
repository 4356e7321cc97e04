/** The soak's memory sampling and growth bound, shared by `npm run bench:soak` and the soak test. */
export const soakDefaults = {
  sampleSeconds: 5,
  /**
   * Issue 19's emulator grew by about 2 GB a minute under this traffic, the fixed one by a few MB.
   * The rest of the slope is V8: the local runtime's heaps (one per function sandbox) grow in steps
   * before their first major collections. With V8's default young generation the API's heap grew in
   * steps of 30-70 MB, which over the short soak's 45 s second half read as 23-132 MB/min; with the
   * sandboxes' young generation at 16 MB, 1-38 MB/min in the same traffic. The old generations
   * still grew by up to 4x their live data before a major collection (V8's default factor): 118 and
   * 117 MB/min in two runs; with `npm start`'s `--heap-growing-percent=20`, 47 and 25.
   */
  maxGrowthMBPerMinute: 60,
} as const;
