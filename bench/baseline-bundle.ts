import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { postroomEsbuildOptions } from '../lib/constructs/function-bundling.ts';

/**
 * Modules that import SDK clients on first use only, and those clients: the API's saga routes load
 * the Step Functions client, its overview the CloudWatch client. A bundle containing one carries the client's code without running it.
 */
const LAZY_LOADERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['functions/api/saga-services-loader.ts', ['@aws-sdk/client-sfn']],
  ['functions/api/queue-ages-loader.ts', ['@aws-sdk/client-cloudwatch']],
]);

export interface SdkClientPackages {
  readonly packages: readonly string[];
  /** Those of `packages` the bundle imports on first use only. */
  readonly lazy: ReadonlySet<string>;
}

/**
 * The AWS SDK v3 client packages a bundle contains, read from its source map: the baseline must
 * import exactly these (the lazy ones lazily), so the comparison isolates what Postroom adds on top of the SDK.
 */
export function sdkClientPackages(bundleFile: string): SdkClientPackages {
  const map = JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8')) as { sources: string[] };
  const packages = map.sources.flatMap((source) => /node_modules\/(@aws-sdk\/(?:client|lib)-[a-z0-9-]+)\//.exec(source)?.[1] ?? []);
  const lazy = [...LAZY_LOADERS].flatMap(([loader, clients]) => (map.sources.some((source) => source.endsWith(loader)) ? clients : []));
  return { packages: [...new Set(packages)].sort(), lazy: new Set(lazy) };
}

/**
 * Bundles a module that only constructs the given SDK clients (and imports the lazy ones in a
 * function never called), with the options the stack's NodejsFunction uses (ESM, minified,
 * source map, node24, module-first), and returns its path.
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
  const outfile = join(outDir, 'baseline.mjs');
  writeFileSync(entry, `${lines.join('\n')}\n`);
  await build({
    entryPoints: [entry],
    outfile,
    // Bundled exactly as the functions are (source map included: they run with --enable-source-maps).
    ...postroomEsbuildOptions(),
    bundle: true,
    nodePaths: [join(import.meta.dirname, '..', 'node_modules')],
    logLevel: 'warning',
  });
  return outfile;
}
