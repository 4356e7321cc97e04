// `npm run build`: the package's JavaScript and declarations (tsc, from the three entry points of
// package.json's exports) and a prebuilt bundle of each Postroom function (dist/assets/<name>),
// which the constructs deploy when they run from an installed package.
import { execFileSync } from 'node:child_process';
import { globSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { postroomEsbuildOptions, prebuiltAssetName } from '../lib/constructs/function-bundling.ts';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

// Every Postroom function's entry is functions/<name>/handler.ts.
const entries = globSync('*/handler.ts', { cwd: join(root, 'functions') });
await Promise.all(
  entries.map((entry) =>
    build({
      ...postroomEsbuildOptions(),
      entryPoints: [join(root, 'functions', entry)],
      outfile: join(dist, 'assets', prebuiltAssetName(entry), 'index.mjs'),
      bundle: true,
      logLevel: 'warning',
    }),
  ),
);
console.log(`postroom: built dist/ (${entries.length} function bundles in dist/assets)`);
