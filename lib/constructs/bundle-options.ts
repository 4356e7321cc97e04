import type { BuildOptions } from 'esbuild';
import { startupInOneChunk } from './startup-chunk.ts';

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
  // would have Node parse it all (and load its whole source map) before the handler runs. What the
  // cold start does load stays in as few files as the SDK allows (startup-chunk.ts).
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
  plugins: [startupInOneChunk(entryFile)],
});
