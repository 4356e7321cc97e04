import { describe, expect, it } from 'vitest';
import { murmur2, toPositive } from '../../../functions/core/partitioning/murmur2.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const hex = (bytes: string) => Uint8Array.from(bytes.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));

describe('Function: murmur2', () => {
  // apache/kafka clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java, testMurmur2.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %j as Kafka UtilsTest does: %i', (key, expected) => {
    expect(murmur2(utf8(key))).toBe(expected);
  });

  // librdkafka src/rdmurmur2.c, unittest_murmur2 ("validated against Java"): every tail length,
  // keys at offsets 1 to 3 of the same buffer, and the empty key. Given there as 32-bit patterns.
  it.each([
    ['kafka', 0xd067cf64],
    ['giberish123456789', 0x8f552b0c],
    ['1234', 0x9fc97b14],
    ['234', 0xe7c009ca],
    ['34', 0x873930da],
    ['4', 0x5a4b5ca1],
    ['PreAmbleWillBeRemoved,ThePrePartThatIs', 0x78424f1c],
    ['reAmbleWillBeRemoved,ThePrePartThatIs', 0x4a62b377],
    ['eAmbleWillBeRemoved,ThePrePartThatIs', 0xe0e4e09e],
    ['AmbleWillBeRemoved,ThePrePartThatIs', 0x62b8b43f],
    ['', 0x106e08d9],
  ])('hashes %j as librdkafka unittest_murmur2 does', (key, pattern) => {
    expect(murmur2(utf8(key))).toBe(pattern | 0);
  });

  // kafkajs src/producer/partitioners/defaultJava/murmur2.spec.js, generated with Java.
  it.each([
    ['0', 971027396],
    ['1', -1993445489],
    ['128', -326012175],
    ['2187', -1508407203],
    ['16384', -325739742],
    ['78125', -1654490814],
    ['279936', 1462227128],
    ['823543', -2014198330],
    ['2097152', 607668903],
    ['4782969', -1182699775],
    ['10000000', -1830336757],
    ['19487171', -1603849305],
    ['35831808', -857013643],
    ['62748517', -1167431028],
    ['105413504', -381294639],
    ['170859375', -1658323481],
    ['100:48069', 1009543857],
  ])('hashes %j as kafkajs DefaultPartitioner tests do: %i', (key, expected) => {
    expect(murmur2(utf8(key))).toBe(expected);
  });

  // The published vectors are ASCII only. These bytes at or above 0x80 (negative Java bytes) were
  // hashed by Kafka's Utils.murmur2 source compiled and run on Java 17, and by no JavaScript.
  it.each([
    ['c3bc', 1419834458], // "ü"
    ['e282ac', -1352192002], // "€"
    ['6e61c3af76652d636166c3a9', -1120496400], // "naïve-café"
    ['e697a5e69cace8aa9ee381aee382ade383bc', -734675706], // "日本語のキー"
    ['d0bad0bbd18ed1872d3432', -1352945481], // "ключ-42"
    ['f09f9982', 925250799], // "🙂"
    ['656d6f6a6920f09f9982f09f9a80', -262848409], // "emoji 🙂🚀"
    ['c3bfc3be', -1869419400], // "ÿþ"
    ['2e', 1997198933],
    ['9123', -219356204],
    ['a36f22', -2118303958],
    ['bf524682', 402050940],
    ['3cb8876109', -430815464],
    ['b23bcaf2dbaa', -78218224],
    ['0f246946e7e7e9', 567474353],
    ['3040edc62ad453dd', 1319056591],
    ['3cc99780d264cbff40', -1165550065],
    ['be704e7d9eb2c7426fb4', 39425207],
    ['ea5682549fff29b7693d1d', 1770850020],
    ['e1bf6d4453ac7e3def0dc552', -2063191420],
    ['7f5dd8f6933faaae2d1efa024f', -553454204],
    ['01537fcb3403d20c70d48dda81f2', 1550320945],
    ['e3', 875128215],
    ['6197', -1601435775],
    ['56ba3d', -2140054592],
    ['4bde97d9', 1042244586],
    ['7a3e31226b', -728349269],
    ['aa93fe3fcce5', -473149986],
    ['a021deeb76452d', -621673038],
    ['71e3d20a649b697e', -2020173605],
    ['07526353b125c8f1e3', -578534269],
    ['20ca98b9293cb8917b6d', 1610949463],
    ['43d6482c5428529f9f3000', -182198717],
    ['29b9eb5c54c8ab3f059a3993', 111935401],
    ['b380b6c90730e26e0cedd7b486', 1851397711],
    ['3350a74d9d53488687888d69656e', 2029455606],
    ['51', -311359841],
    ['a80a', -1644398862],
    ['51dfb0', -1021560491],
    ['8e994cda', 1019126394],
    ['07d9d1300c', -235743242],
    ['e8cdda1c591e', 1143768738],
    ['40a86ee71d455b', -1115723711],
    ['31b9931baa49fe1c', 82731270],
    ['8a4b55605aebfd433f', -905753837],
    ['26955103963ceac4ead2', 2067892870],
    ['44c1316ef7031a76098727', 1917900230],
    ['e15de2238eee97b0ac100bd8', 501136210],
    ['94ea069dc2e515e5b4c2c7725d', 1915554321],
    ['428aa3ae44dace370c99f04c1292', -834997569],
    [
      '29a5865503364e1949f34cf14e0322275776fd314c234a9153df3bf0aa7278d06985a2d1313f463b04117bef15b4d6b64f7037bdad77cc84692b87c443a7acb3dd0b2d42d6112aae154ad78ffe0088',
      -985605006,
    ],
    [
      '8830c3e032ff79893ecf3d97870aaf0206d92830955bc36c78c8bab191c5852c8490a1691acba4ca0064de4d89c6517d2f1c8210e3119ba117b7a0dabd4b32a69b47ab31603e0bbdac942012e3308cc11a5a82b91816e68acaf4a0008133d1',
      1445446478,
    ],
  ])('hashes bytes %s as Kafka does on Java: %i', (bytes, expected) => {
    expect(murmur2(hex(bytes))).toBe(expected);
  });

  it('returns a signed 32-bit integer, like Java', () => {
    for (const key of ['', 'a', 'ab', 'abc', 'abcd', 'foobar', '🙂']) {
      const hash = murmur2(utf8(key));
      expect(hash).toBe(hash | 0);
    }
  });
});

describe('Function: toPositive', () => {
  it.each([
    [0, 0],
    [5, 5],
    [2147483647, 2147483647],
    [-1, 2147483647],
    [-5, 2147483643], // not 5: the sign bit is cleared, as Kafka does, not the value negated
    [-2147483648, 0],
  ])('turns %i into %i', (n, expected) => {
    expect(toPositive(n)).toBe(expected);
  });
});
