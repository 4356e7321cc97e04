import { execFile } from 'node:child_process';
import { join } from 'node:path';

const projectRoot = join(import.meta.dirname, '..', '..');
const cdkCli = join(projectRoot, 'node_modules', '.bin', 'cdk');

export interface SynthesisOptions {
  /** Where the cloud assembly goes. */
  readonly outDir: string;
  /** The app command; cdk.json's `app` when omitted. */
  readonly app?: string;
  /** Context values (`-c key=value`). */
  readonly context?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Aborting it stops the CDK CLI. */
  readonly signal?: AbortSignal;
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
  await new Promise<void>((resolve, reject) => {
    execFile(cdkCli, args, { cwd: options.cwd ?? projectRoot, maxBuffer: 64 * 1024 * 1024, signal: options.signal }, (error, stdout, stderr) => {
      if (!error) return resolve();
      const output = `${stdout}${stderr}`.trim().split('\n').slice(-30).join('\n');
      reject(new Error(`cdk synth failed (${error.code ?? error.message}):\n${output}`));
    });
  });
}
