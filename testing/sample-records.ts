import { randomBytes } from 'node:crypto';
import { pick, seededRandom } from './seeded-random.ts';

const hex = (random: () => number, digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');
const below = (random: () => number, limit: number) => Math.floor(random() * limit);

/** Three kinds of application event, each with its own keys and values that vary from record to record. */
const kinds = [
  (random: () => number) => ({ type: 'order.placed', orderId: `ord-${hex(random, 8)}`, customer: `c-${below(random, 100_000)}`, total: below(random, 100_000) / 100, currency: pick(random, ['EUR', 'USD', 'GBP']) }),
  (random: () => number) => ({ type: 'page.viewed', user: `u-${below(random, 1_000_000)}`, path: `/products/${below(random, 10_000)}`, ms: below(random, 2000), referrer: pick(random, ['search', 'direct', 'newsletter']) }),
  (random: () => number, index: number) => ({ type: 'sensor.reading', device: `dev-${hex(random, 6)}`, celsius: Math.round(1500 + random() * 1000) / 100, humidity: below(random, 100), at: 1_764_578_475_000 + index * 37 }),
];

/**
 * Record values as applications produce them: JSON objects of about 100 bytes packed (97..108),
 * of mixed kinds with varying ids, numbers and times; the same ones for the same seed.
 */
export function eventValues(count: number, seed = 17): Array<Record<string, unknown>> {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => pick(random, kinds)(random, index));
}

/** Values that compress badly: 72 random bytes in base64 (96 characters, 6 bits of entropy per byte). */
export function randomValues(count: number): string[] {
  return Array.from({ length: count }, () => randomBytes(72).toString('base64'));
}
