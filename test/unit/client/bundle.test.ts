import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

describe('postroom/client bundled for a browser', () => {
  it('loads the SigV4 signer only in a chunk of its own, imported when a request is signed', async () => {
    const { outputFiles = [] } = await build({
      entryPoints: [join(root, 'client', 'index.ts')],
      bundle: true,
      format: 'esm',
      splitting: true,
      platform: 'browser',
      external: ['@aws-sdk/credential-provider-node'],
      outdir: '/bundle',
      write: false,
      logLevel: 'silent',
    });
    const entry = outputFiles.find((file) => file.path.endsWith('/index.js'))!;
    const signing = outputFiles.filter((file) => file.text.includes('AWS4-HMAC-SHA256'));
    expect(entry.text).not.toContain('AWS4-HMAC-SHA256');
    expect(entry.text).not.toMatch(/@smithy|@aws-crypto/);
    expect(signing.length).toBeGreaterThan(0);
  });
});
