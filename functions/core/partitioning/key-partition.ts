import { murmur2, toPositive } from './murmur2.ts';
import { assertPartitionCount } from './partition-count.ts';

const utf8 = new TextEncoder();

// Java's String.getBytes(UTF_8), which Kafka's StringSerializer uses, writes '?' for a lone
// surrogate; TextEncoder would write U+FFFD (3 bytes) and so hash differently.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The partition Kafka's default partitioner gives a keyed record:
 * `toPositive(murmur2(keyBytes)) % partitions`, a string key being its UTF-8 bytes as Kafka's
 * StringSerializer writes them. An empty key is a key (it hashes); only a missing key is keyless.
 */
export function partitionForKey(key: string | Uint8Array, partitions: number): number {
  assertPartitionCount(partitions);
  const bytes = typeof key === 'string' ? utf8.encode(key.replace(LONE_SURROGATE, '?')) : key;
  return toPositive(murmur2(bytes)) % partitions;
}
