/** Redelivery delay of the first retry; each further delivery doubles it. */
export const BACKOFF_BASE_SECONDS = 1;
/** Longest redelivery delay, however many deliveries failed. */
export const BACKOFF_CAP_SECONDS = 300;

/**
 * Exponential backoff with "equal jitter": with d = min(cap, base × 2^(attempt − 1)) the delay is
 * an integer in [⌈d/2⌉, d], so the lower bound grows too while callers that failed together spread
 * out. `random` returns a number in [0, 1).
 */
export function jitteredBackoff(attempt: number, base: number, cap: number, random: () => number = Math.random): number {
  const ceiling = Math.min(cap, base * 2 ** (Math.max(1, Math.floor(attempt)) - 1));
  const floor = Math.ceil(ceiling / 2);
  return floor + Math.floor(random() * (ceiling - floor + 1));
}

/**
 * Seconds to hide a message that was negatively acknowledged after `deliveryCount` deliveries:
 * 1; 1–2; 2–4; 4–8 … up to 300.
 */
export function backoffDelaySeconds(deliveryCount: number, random: () => number = Math.random): number {
  return jitteredBackoff(deliveryCount, BACKOFF_BASE_SECONDS, BACKOFF_CAP_SECONDS, random);
}

/** First wait of a writer that lost an optimistic-concurrency race (409), in ms; each further loss doubles it. */
export const CONFLICT_BACKOFF_BASE_MS = 20;
/** Longest wait after a lost race, in ms. */
export const CONFLICT_BACKOFF_CAP_MS = 1_000;

/**
 * Milliseconds a read-decide-append writer waits after its `conflicts`-th 409 in a row before it
 * reads again: writers that collided spread out instead of colliding again at once.
 */
export function conflictBackoffMs(conflicts: number, random: () => number = Math.random): number {
  return jitteredBackoff(conflicts, CONFLICT_BACKOFF_BASE_MS, CONFLICT_BACKOFF_CAP_MS, random);
}
