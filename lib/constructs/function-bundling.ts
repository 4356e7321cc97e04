import { fileURLToPath } from 'node:url';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';

/** A Postroom function's code: its entry under functions/, e.g. `api/handler.ts`. */
export function postroomFunctionCode(entry: string): Pick<NodejsFunctionProps, 'entry' | 'handler' | 'depsLockFilePath' | 'runtime' | 'architecture' | 'bundling'> {
  return {
    entry: fileURLToPath(new URL(`../../functions/${entry}`, import.meta.url)),
    handler: 'handler',
    depsLockFilePath: fileURLToPath(new URL('../../package-lock.json', import.meta.url)),
    runtime: Runtime.NODEJS_24_X,
    architecture: Architecture.ARM_64,
    bundling: {
      // Bundle with the esbuild in node_modules; never fall back to Docker.
      forceDockerBundling: false,
      // esbuild's warnings and errors only: its per-bundle size summary is noise in every `cdk synth`.
      logLevel: LogLevel.WARNING,
      format: OutputFormat.ESM,
      target: 'node24',
      minify: true,
      sourceMap: true,
      // Stack traces need names and lines, not the sources, which are two thirds of a map read at every cold start.
      sourcesContent: false,
      // Ship the SDK versions the lockfile pins rather than whatever the runtime carries.
      bundleAwsSDK: true,
      mainFields: ['module', 'main'],
      // CommonJS dependencies bundled into an ES module still call require().
      banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  };
}
