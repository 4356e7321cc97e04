import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Architecture, Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import { restoreBundle } from './bundle-cache.ts';

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
          if (restoreBundle(entryFile, outputDir)) return true;
          // esbuild runs plugins only in its asynchronous API, and CDK bundles synchronously: a child
          // process builds. esbuild is a development dependency, so this runs in the repo only.
          execFileSync(process.execPath, [fileURLToPath(new URL('./bundle-function.ts', import.meta.url)), entryFile, outputDir], { stdio: 'inherit' });
          return true;
        },
      },
    },
  });
  return { ...runtime, code, handler: 'index.handler' };
}
