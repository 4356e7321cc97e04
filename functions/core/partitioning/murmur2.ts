const SEED = 0x9747b28c;
// Mixing constants of MurmurHash2, as Kafka uses them.
const M = 0x5bd1e995;
const R = 24;

/**
 * Kafka's `Utils.murmur2`: 32-bit MurmurHash2 of the bytes, returned as the signed 32-bit integer
 * Java computes. `Math.imul` and the int32 results of `^` and `|` reproduce Java's wrapping `int`.
 */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;

  const tail = length & ~3;
  for (let i = 0; i < tail; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }

  // Kafka's switch over length % 4 falls through from 3 to 1.
  const remaining = length & 3;
  if (remaining > 0) {
    if (remaining === 3) h ^= data[tail + 2]! << 16;
    if (remaining >= 2) h ^= data[tail + 1]! << 8;
    h ^= data[tail]!;
    h = Math.imul(h, M);
  }

  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h;
}

/** Kafka's `Utils.toPositive`: clears the sign bit (not `Math.abs`, which differs for negatives). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}
