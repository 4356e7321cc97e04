import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Function bundles kept in the repo's .postroom/bundles between syntheses. Every synthesis (each
 * `npm start`, each test that starts one) bundles every function, about a second each; a bundle is
 * reused instead while every file it was built from (esbuild's metafile inputs) and the bundling
 * code itself are unchanged, by content. Used by the repo's own synth only: an installed package
 * deploys prebuilt bundles.
 */
const CACHE_ROOT = fileURLToPath(new URL('../../.postroom/bundles/', import.meta.url));

/** What decides how a bundle is built beside its inputs: these modules and esbuild itself. */
const BUNDLING_CODE = ['./bundle-options.ts', './startup-chunk.ts', './bundle-function.ts', './bundle-cache.ts'].map((path) => fileURLToPath(new URL(path, import.meta.url)));

interface Manifest {
  /** Each input's absolute path and the SHA-256 of its content. */
  readonly inputs: Readonly<Record<string, string>>;
}

/** Where the bundle of `entryFile` is kept. */
export const bundleCacheDirectory = (entryFile: string): string => join(CACHE_ROOT, createHash('sha256').update(resolve(entryFile)).digest('hex').slice(0, 16));

function digestOf(file: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

/** Copies the cached bundle of `entryFile` into `outdir` if it is still current; false if not. */
export function restoreBundle(entryFile: string, outdir: string): boolean {
  const directory = bundleCacheDirectory(entryFile);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return false;
  }
  if (Object.entries(manifest.inputs).some(([file, digest]) => digestOf(file) !== digest)) return false;
  try {
    cpSync(join(directory, 'bundle'), outdir, { recursive: true });
    return true;
  } catch {
    // Replaced by another synthesis meanwhile: build instead, from an empty directory.
    rmSync(outdir, { recursive: true, force: true });
    mkdirSync(outdir, { recursive: true });
    return false;
  }
}

/**
 * Keeps the bundle just built in `outdir` with the digests of `inputs` (a metafile's paths, relative
 * to the working directory; plugin namespaces' virtual modules are left out). Written aside and
 * renamed into place, so a concurrent synthesis reads a whole entry or none.
 */
export function saveBundle(entryFile: string, outdir: string, inputs: readonly string[]): void {
  const files = [...inputs.filter((input) => !/^[\w-]+:/.test(input)).map((input) => (isAbsolute(input) ? input : resolve(input))), ...BUNDLING_CODE, esbuildPackage()];
  const manifest: Manifest = { inputs: Object.fromEntries(files.map((file) => [file, digestOf(file) ?? ''])) };
  const directory = bundleCacheDirectory(entryFile);
  const staging = `${directory}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(outdir, join(staging, 'bundle'), { recursive: true });
  writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest));
  rmSync(directory, { recursive: true, force: true });
  try {
    renameSync(staging, directory);
  } catch {
    // Another synthesis saved the same bundle first.
    rmSync(staging, { recursive: true, force: true });
  }
}

function esbuildPackage(): string {
  return fileURLToPath(import.meta.resolve('esbuild/package.json'));
}
