// `npm run build`: the package's JavaScript and declarations (tsc, from the three entry points of
// package.json's exports) and a prebuilt bundle of each Postroom function (dist/assets/<name>),
// which the constructs deploy when they run from an installed package, and the web console
// (dist/console), which postroom/local's runtime serves at /console.
import { execFileSync } from 'node:child_process';
import { globSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { buildConsole } from '../console/build.ts';
import { postroomBuildOptions } from '../lib/constructs/bundle-options.ts';
import { prebuiltAssetName } from '../lib/constructs/function-bundling.ts';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

// Every Postroom function's entry is functions/<name>/handler.ts.
const entries = globSync('*/handler.ts', { cwd: join(root, 'functions') });
await Promise.all(
  entries.map((entry) => build(postroomBuildOptions(join(root, 'functions', entry), join(dist, 'assets', prebuiltAssetName(entry))))),
);
for (const [name, contents] of await buildConsole()) {
  const path = join(dist, 'console', name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, contents);
}
console.log(`postroom: built dist/ (${entries.length} function bundles in dist/assets, the console in dist/console)`);
