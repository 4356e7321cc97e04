import { constants, zstdCompressSync, zstdDecompressSync } from 'node:zlib';

/**
 * Codecs a stored segment may name. zstd at level 1 was chosen by `npm run bench` (codecs × levels
 * on 100-byte JSON records): the fewest write units of the fast codecs and the fastest to compress
 * and decompress. Node ships it from 22.15/23.8 (Postroom requires 24); its API is marked
 * experimental, its format is RFC 8878, and each segment names its codec, so a later change of
 * codec leaves stored segments readable.
 */
export type SegmentCodec = 'zstd';

const ZSTD_LEVEL = 1;

/** A segment's packed records as stored: the JSON text itself, or its compressed bytes and their codec. */
export type StoredRecords = string | { readonly codec: SegmentCodec; readonly bytes: Uint8Array };

/**
 * Compresses a segment's joined records; keeps the text when compression would not make it
 * smaller (incompressible payloads then cost what they did before, and read without a decompress).
 */
export function compressRecords(joined: string): StoredRecords {
  const text = Buffer.from(joined);
  const bytes = zstdCompressSync(text, { params: { [constants.ZSTD_c_compressionLevel]: ZSTD_LEVEL } });
  return bytes.byteLength < text.byteLength ? { codec: 'zstd', bytes } : joined;
}

/** The joined records back (see joinRecords), from a segment as any version of Postroom stored it. */
export function decompressRecords(stored: StoredRecords): string {
  if (typeof stored === 'string') return stored;
  if (stored.codec !== 'zstd') throw new Error(`a stored segment has records compressed with an unknown codec "${String(stored.codec)}"`);
  return zstdDecompressSync(stored.bytes).toString();
}
