import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { postroomBuildOptions } from '../lib/constructs/bundle-options.ts';

export interface SdkClientPackages {
  readonly packages: readonly string[];
  /** Those of `packages` the bundle imports on first use only: in no file a cold start loads. */
  readonly lazy: ReadonlySet<string>;
}

const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*"(\.{1,2}\/[^"]+\.mjs)"/g;

/** The bundle's files a cold start loads: the entry and what it imports statically, transitively. */
export function eagerFiles(entryFile: string): Set<string> {
  const eager = new Set<string>();
  const pending = [resolve(entryFile)];
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (eager.has(file)) continue;
    eager.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) pending.push(resolve(dirname(file), specifier!));
  }
  return eager;
}

const sdkPackagesOf = (mapFile: string): string[] =>
  (JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[] }).sources.flatMap((source) => /node_modules\/(@aws-sdk\/(?:client|lib)-[a-z0-9-]+)\//.exec(source)?.[1] ?? []);

/**
 * The AWS SDK v3 client packages a bundle (an entry and its chunks) contains, read from the source
 * maps, and which of them only chunks loaded on first use contain: the baseline must import exactly
 * these, the lazy ones lazily, so the comparison isolates what Postroom adds on top of the SDK.
 */
export function sdkClientPackages(entryFile: string): SdkClientPackages {
  const eager = eagerFiles(entryFile);
  const directory = dirname(resolve(entryFile));
  const files = readdirSync(directory, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.mjs')).map((name) => join(directory, name));
  const eagerPackages = new Set(files.filter((file) => eager.has(file)).flatMap((file) => sdkPackagesOf(`${file}.map`)));
  const packages = new Set(files.flatMap((file) => sdkPackagesOf(`${file}.map`)));
  return { packages: [...packages].sort(), lazy: new Set([...packages].filter((name) => !eagerPackages.has(name))) };
}

/**
 * Bundles a module that only constructs the given SDK clients (and imports the lazy ones in a
 * function never called), with the options the stack's functions use (ESM, minified, split, source
 * map, node24, module-first), into `outDir`/baseline, and returns its entry's path.
 */
export async function buildBaselineBundle({ packages, lazy }: SdkClientPackages, outDir: string): Promise<string> {
  const lines: string[] = [];
  for (const [index, name] of packages.entries()) {
    if (lazy.has(name)) {
      lines.push(`export const load${index} = () => import('${name}');`);
      continue;
    }
    const exports = Object.keys(await import(name));
    if (name === '@aws-sdk/lib-dynamodb') {
      // The document client wraps a DynamoDB client rather than being constructed alone.
      lines.push(`import { DynamoDBDocumentClient as C${index} } from '${name}';`, `import { DynamoDBClient as D${index} } from '@aws-sdk/client-dynamodb';`, `C${index}.from(new D${index}({}));`);
      continue;
    }
    const client = exports.find((key) => /^[A-Z][A-Za-z0-9]*Client$/.test(key));
    if (!client) throw new Error(`${name} exports no client class`);
    lines.push(`import { ${client} as C${index} } from '${name}';`, `new C${index}({});`);
  }
  const entry = join(outDir, 'baseline-entry.mjs');
  const bundleDir = join(outDir, 'baseline');
  writeFileSync(entry, `${lines.join('\n')}\n`);
  rmSync(bundleDir, { recursive: true, force: true });
  // Bundled exactly as the functions are (source maps included: they run with --enable-source-maps).
  await build({ ...postroomBuildOptions(entry, bundleDir), nodePaths: [join(import.meta.dirname, '..', 'node_modules')] });
  return join(bundleDir, 'index.mjs');
}
