import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface SynthesisOptions {
  /** Where the cloud assembly goes. */
  readonly outDir: string;
  /** The app command; cdk.json's `app` when omitted. */
  readonly app?: string;
  /** Context values (`-c key=value`). */
  readonly context?: Readonly<Record<string, string>>;
  /**
   * The app's folder, where its cdk.json is.
   *
   * @default process.cwd()
   */
  readonly cwd?: string;
  /** Aborting it stops the CDK CLI. */
  readonly signal?: AbortSignal;
}

/** The CDK CLI of the app's project, else Postroom's own (a dev dependency of its repo). */
function cdkCli(cwd: string): string {
  for (const base of [cwd, import.meta.dirname]) {
    try {
      return createRequire(join(base, 'package.json')).resolve('aws-cdk/bin/cdk');
    } catch {
      // not installed there
    }
  }
  throw new Error(`the AWS CDK CLI is not installed in ${cwd}: add it with \`npm install --save-dev aws-cdk\``);
}

/**
 * Synthesizes a CDK app with the project's pinned CDK CLI, offline and without credentials. The CLI
 * (rather than running the app directly) adds the `aws:asset:path` metadata the local runtime
 * reads to find each function's bundled code.
 */
export async function synthesize(options: SynthesisOptions): Promise<void> {
  const args = ['synth', '--quiet', '--output', options.outDir];
  if (options.app) args.push('--app', options.app);
  for (const [key, value] of Object.entries(options.context ?? {})) args.push('--context', `${key}=${value}`);
  const cwd = options.cwd ?? process.cwd();
  const cli = cdkCli(cwd);
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [cli, ...args], { cwd, maxBuffer: 64 * 1024 * 1024, signal: options.signal }, (error, stdout, stderr) => {
      if (!error) return resolve();
      const output = `${stdout}${stderr}`.trim().split('\n').slice(-30).join('\n');
      reject(new Error(`cdk synth failed (${error.code ?? error.message}):\n${output}`));
    });
  });
}
