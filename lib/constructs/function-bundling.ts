import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Architecture, Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { BuildOptions } from 'esbuild';

/**
 * How every Postroom function is bundled by esbuild, whether the stack bundles it from source (the
 * repo's own synth, `npm start`, the tests) or `npm run build` prebuilds it for the package
 * (scripts/build.ts): one definition, so that both ship the same code.
 */
export const POSTROOM_BUNDLING = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  sourcemap: true,
  // Stack traces need names and lines, not the sources, which are two thirds of a map read at every cold start.
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // What a function imports with import() (the API's route families, the idempotency layer, the
  // Step Functions client) becomes chunks that a cold start neither reads nor compiles: one file
  // would have Node parse it all (and load its whole source map) before the handler runs.
  splitting: true,
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  // CommonJS dependencies bundled into an ES module still call require().
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
} as const satisfies BuildOptions;

/** esbuild's options for bundling `entryFile` into `outdir`: `index.mjs` (handler `index.handler`) and its chunks. */
export const postroomBuildOptions = (entryFile: string, outdir: string): BuildOptions => ({
  ...POSTROOM_BUNDLING,
  mainFields: [...POSTROOM_BUNDLING.mainFields],
  entryPoints: [entryFile],
  outdir,
  logLevel: 'warning',
});

const runtime = { runtime: Runtime.NODEJS_24_X, architecture: Architecture.ARM_64 };

/** Where `npm run build` puts the bundle of a function's entry (e.g. `api/handler.ts`): `dist/assets/api`. */
export const prebuiltAssetName = (entry: string): string => dirname(entry);

/**
 * The prebuilt bundle of `entry` in an installed package (dist/assets/<name> next to the compiled
 * lib/), where neither the TypeScript sources nor esbuild are at hand; undefined in the repo.
 */
export function prebuiltFunctionCode(entry: string) {
  const directory = fileURLToPath(new URL(`../../assets/${prebuiltAssetName(entry)}`, import.meta.url));
  if (!existsSync(directory)) return undefined;
  return { ...runtime, code: Code.fromAsset(directory), handler: 'index.handler' };
}

/**
 * A Postroom function's code bundled from source at synth by the esbuild in node_modules (never
 * Docker): its entry under functions/, e.g. `api/handler.ts`. NodejsFunction cannot split a bundle
 * into chunks (it always writes one --outfile), so the asset bundles itself.
 */
export function postroomFunctionCode(entry: string) {
  const entryFile = fileURLToPath(new URL(`../../functions/${entry}`, import.meta.url));
  const code = Code.fromAsset(dirname(entryFile), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Required by the type, never pulled: local bundling always succeeds or throws.
      image: DockerImage.fromRegistry('dummy'),
      // Never run either. CDK reuses a bundle for the same folder and bundling options (it cannot
      // see into tryBundle): with the entry in the options, each function of a folder gets its own.
      command: ['bundle', entry],
      local: {
        tryBundle(outputDir) {
          // esbuild is a development dependency: required here, in the repo, and never by an installed package.
          const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
          buildSync(postroomBuildOptions(entryFile, outputDir));
          return true;
        },
      },
    },
  });
  return { ...runtime, code, handler: 'index.handler' };
}
