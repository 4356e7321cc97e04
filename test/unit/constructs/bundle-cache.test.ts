import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleCacheDirectory, restoreBundle, saveBundle } from '../../../lib/constructs/bundle-cache.ts';
import { postroomBuildOptions } from '../../../lib/constructs/bundle-options.ts';

let scratch: string;
afterEach(() => {
  rmSync(bundleCacheDirectory(join(scratch, 'entry.ts')), { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

/** A function of two modules, bundled as the stack bundles, and kept. */
async function bundleAndSave(): Promise<{ entry: string; built: string }> {
  scratch = mkdtempSync(join(tmpdir(), 'postroom-bundle-cache-'));
  const entry = join(scratch, 'entry.ts');
  writeFileSync(join(scratch, 'greeting.ts'), "export const greeting = 'hello';\n");
  writeFileSync(entry, "import { greeting } from './greeting.ts';\nexport const handler = async () => greeting;\n");
  const built = join(scratch, 'built');
  const { metafile } = await build({ ...postroomBuildOptions(entry, built), metafile: true, logLevel: 'silent' });
  saveBundle(entry, built, Object.keys(metafile.inputs));
  return { entry, built };
}

describe('the bundle cache', () => {
  it('restores the same files while the inputs are unchanged', async () => {
    const { entry, built } = await bundleAndSave();
    const restored = join(scratch, 'restored');

    expect(restoreBundle(entry, restored)).toBe(true);
    expect(readdirSync(restored).sort()).toEqual(readdirSync(built).sort());
    expect(readFileSync(join(restored, 'index.mjs'), 'utf8')).toBe(readFileSync(join(built, 'index.mjs'), 'utf8'));
  });

  it('builds again once a module the bundle was built from changes, or is gone', async () => {
    const { entry } = await bundleAndSave();

    writeFileSync(join(scratch, 'greeting.ts'), "export const greeting = 'hi';\n");
    expect(restoreBundle(entry, join(scratch, 'after-change'))).toBe(false);
    rmSync(join(scratch, 'greeting.ts'));
    expect(restoreBundle(entry, join(scratch, 'after-removal'))).toBe(false);
  });

  it('has nothing for an entry never bundled', () => {
    scratch = mkdtempSync(join(tmpdir(), 'postroom-bundle-cache-'));

    expect(restoreBundle(join(scratch, 'entry.ts'), join(scratch, 'out'))).toBe(false);
  });
});
