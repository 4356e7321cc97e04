import { describe, expect, it } from 'vitest';
import { partitionForKey } from '../../../functions/core/partitioning/key-partition.ts';
import { InvalidPartitionCountError } from '../../../functions/core/partitioning/partition-count.ts';

describe('Function: partitionForKey', () => {
  // From the murmur2 vectors (Kafka UtilsTest, librdkafka, Java 17 for the non-ASCII keys):
  // toPositive(hash) % partitions.
  it.each([
    ['21', 0, 0, 236],
    ['foobar', 0, 6, 958],
    ['a-little-bit-long-string', 2, 2, 416],
    ['a-little-bit-longer-string', 2, 9, 451],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', 2, 7, 461],
    ['abc', 0, 7, 539],
    ['kafka', 1, 0, 868],
    ['', 0, 1, 217],
    ['ü', 2, 8, 90],
    ['€', 1, 6, 1022],
    ['naïve-café', 2, 8, 240],
    ['日本語のキー', 2, 2, 262],
    ['ключ-42', 2, 7, 183],
    ['🙂', 0, 9, 239],
  ])('puts key %j on partition %i of 3, %i of 10 and %i of 1024', (key, of3, of10, of1024) => {
    expect([3, 10, 1024].map((partitions) => partitionForKey(key, partitions))).toEqual([of3, of10, of1024]);
  });

  // kafka-python test/test_partitioner.py, test_murmur2_java_compatibility: "compare with output
  // from Kafka's org.apache.kafka.clients.producer.Partitioner", 1000 partitions.
  it.each([
    ['', 681],
    ['61', 524],
    ['6162', 434],
    ['616263', 107],
    ['313233343536373839', 566],
    ['0020', 742],
  ])('puts bytes %j on partition %i of 1000 as the Java client does', (bytes, expected) => {
    const key = Uint8Array.from(bytes.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));
    expect(partitionForKey(key, 1000)).toBe(expected);
  });

  it('hashes a string key as its UTF-8 bytes', () => {
    expect(partitionForKey('naïve', 1024)).toBe(partitionForKey(Uint8Array.of(0x6e, 0x61, 0xc3, 0xaf, 0x76, 0x65), 1024));
  });

  // Java's String.getBytes(UTF_8), used by Kafka's StringSerializer, writes '?' for a lone surrogate
  // (checked on Java 17: "a\ud800b" is 61 3f 62).
  it.each([
    ['a\ud800b', 'a?b', 196],
    ['\udc00', '?', 776],
    ['x\ud83d', 'x?', 55],
  ])('writes a lone surrogate in %j as "?" like Java', (key, javaBytes, of1024) => {
    expect(partitionForKey(key, 1024)).toBe(of1024);
    expect(partitionForKey(key, 1024)).toBe(partitionForKey(javaBytes, 1024));
  });

  it('puts every key on partition 0 of 1', () => {
    expect(['', 'a', 'foobar', '🙂'].map((key) => partitionForKey(key, 1))).toEqual([0, 0, 0, 0]);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])('refuses %d partitions', (partitions) => {
    expect(() => partitionForKey('key', partitions)).toThrow(InvalidPartitionCountError);
  });
});
