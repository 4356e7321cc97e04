import { statSync } from 'node:fs';
import type { FunctionDefinition } from '../local/index.ts';
import { locateHandler } from '../local/lambda/handler-location.ts';
import { buildBaselineBundle, eagerFiles, sdkClientPackages } from './baseline-bundle.ts';
import { clientBundleSizes } from './client-bundle.ts';
import { medianInitTimes } from './cold-init.ts';
import { table } from './table.ts';

export const COLD_RUNS = 30;

/**
 * Issue 17's target, for the API function only: every request pays its cold start, and it loads on
 * first use what only some routes use. The other functions load at start what each invocation uses.
 */
const targetRatio = (logicalId: string): string => (logicalId.startsWith('ApiFunction') ? '<= 1.15x' : '-');

/** What a cold start reads: the entry and the chunks it imports statically. */
const coldStartBytes = (entryFile: string): number => [...eagerFiles(entryFile)].reduce((sum, file) => sum + statSync(file).size, 0);

/**
 * Each function's bundle size and cold module initialisation beside its SDK-only baseline (built
 * in `workDir`), then the client's bundle sizes.
 */
export async function reportBundles(functions: readonly FunctionDefinition[], workDir: string): Promise<void> {
  const baselineEnv = { PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  const rows: unknown[][] = [];
  for (const fn of functions) {
    const bundle = locateHandler(fn.codeDirectory, fn.handler).modulePath;
    const packages = sdkClientPackages(bundle);
    const baseline = await buildBaselineBundle(packages, workDir);
    const env = { ...baselineEnv, ...fn.environment, POWERTOOLS_LOG_LEVEL: 'ERROR' };
    const [own, base] = await medianInitTimes([bundle, baseline], env, COLD_RUNS);
    rows.push([fn.logicalId, kib(coldStartBytes(bundle)), kib(coldStartBytes(baseline)), `${own!.wallMs.toFixed(1)} ms`, `${base!.wallMs.toFixed(1)} ms`, `${(own!.wallMs / base!.wallMs).toFixed(2)}x`, targetRatio(fn.logicalId), `${own!.cpuMs.toFixed(1)} / ${base!.cpuMs.toFixed(1)} ms`, `${(own!.cpuMs / base!.cpuMs).toFixed(2)}x`, packages.packages.map((name) => (packages.lazy.has(name) ? `${name} (lazy)` : name)).join(' ')]);
  }
  console.log(`\nLambda bundles: size and cold module initialisation (median of ${COLD_RUNS} fresh processes each, interleaved)`);
  console.log(table(['function', 'code loaded at init', 'baseline\'s', 'init (wall)', 'baseline init', 'ratio', 'target', 'CPU: init / baseline', 'CPU ratio', 'baseline = these SDK clients only'], rows));
  const sizes = await clientBundleSizes();
  const peer = sizes.at(-1)!;
  console.log('\nThe client postroom/client bundled (esbuild, minified ESM, the signer split into chunks loaded when signing; gzip per file, summed)');
  console.log(table(['bundle', 'size', 'gzip', 'vs openapi-fetch alone (gzip)'], sizes.map((bundle) => [bundle.scenario, kib(bundle.bytes), kib(bundle.gzipBytes), `${(bundle.gzipBytes / peer.gzipBytes).toFixed(1)}x`])));
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KiB`;
}
