/** Redelivery delay of the first retry; each further delivery doubles it. */
export const BACKOFF_BASE_SECONDS = 1;
/** Longest redelivery delay, however many deliveries failed. */
export const BACKOFF_CAP_SECONDS = 300;

/**
 * Seconds to hide a message that was negatively acknowledged after `deliveryCount` deliveries:
 * exponential backoff with "equal jitter". With d = min(cap, base × 2^(deliveryCount − 1)) the
 * delay is an integer in [⌈d/2⌉, d], so the lower bound grows too (1; 1–2; 2–4; 4–8 …) while
 * consumers that failed together spread out. `random` returns a number in [0, 1).
 */
export function backoffDelaySeconds(deliveryCount: number, random: () => number = Math.random): number {
  const attempt = Math.max(1, Math.floor(deliveryCount));
  const ceiling = Math.min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** (attempt - 1));
  const floor = Math.ceil(ceiling / 2);
  return floor + Math.floor(random() * (ceiling - floor + 1));
}
