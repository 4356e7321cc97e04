import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Architecture, Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * How every Postroom function is bundled by esbuild, whether NodejsFunction bundles it from source
 * (the repo's own synth, `npm start`, the tests) or `npm run build` prebuilds it for the package
 * (scripts/build.ts): one definition, so that both ship the same code.
 */
export const POSTROOM_BUNDLING = {
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  sourcemap: true,
  // Stack traces need names and lines, not the sources, which are two thirds of a map read at every cold start.
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // CommonJS dependencies bundled into an ES module still call require().
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
} as const;

/** The same options as esbuild's own `build()` takes them (scripts/build.ts, the benchmark's baseline). */
export const postroomEsbuildOptions = () => ({ ...POSTROOM_BUNDLING, banner: { js: POSTROOM_BUNDLING.banner }, mainFields: [...POSTROOM_BUNDLING.mainFields] });

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

/** A Postroom function's code bundled from source: its entry under functions/, e.g. `api/handler.ts`. */
export function postroomFunctionCode(entry: string): Pick<NodejsFunctionProps, 'entry' | 'handler' | 'depsLockFilePath' | 'runtime' | 'architecture' | 'bundling'> {
  const { format, target, minify, sourcemap, sourcesContent, mainFields, banner } = POSTROOM_BUNDLING;
  return {
    ...runtime,
    entry: fileURLToPath(new URL(`../../functions/${entry}`, import.meta.url)),
    handler: 'handler',
    depsLockFilePath: fileURLToPath(new URL('../../package-lock.json', import.meta.url)),
    bundling: {
      // Bundle with the esbuild in node_modules; never fall back to Docker.
      forceDockerBundling: false,
      // esbuild's warnings and errors only: its per-bundle size summary is noise in every `cdk synth`.
      logLevel: LogLevel.WARNING,
      // OutputFormat's values are esbuild's format names.
      format: format as OutputFormat,
      target,
      minify,
      sourceMap: sourcemap,
      sourcesContent,
      // Ship the SDK versions the lockfile pins rather than whatever the runtime carries.
      bundleAwsSDK: true,
      mainFields: [...mainFields],
      banner,
    },
  };
}
