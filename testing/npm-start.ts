import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

const projectRoot = join(import.meta.dirname, '..');

export interface StartedPostroom {
  /** The `npm start` process. */
  readonly npm: ChildProcessByStdio<null, Readable, Readable>;
  /** The HTTP API's base URL. */
  readonly url: string;
  /** The emulator's endpoint, e.g. http://127.0.0.1:41234 */
  readonly awsEndpoint: string;
  /** Everything it printed so far. */
  output(): string;
  /** SIGINT to npm, as a supervisor stops it; after `timeoutMs`, SIGKILL to everything it started. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Runs `npm start` as a user would, on a free port with its own emulator (AWS_ENDPOINT_URL unset) and
 * without a request log, and waits until it serves.
 */
export async function startPostroom(env: NodeJS.ProcessEnv = {}): Promise<StartedPostroom> {
  const { AWS_ENDPOINT_URL: _ignored, ...inherited } = process.env;
  const npm = spawn('npm', ['start', '--silent'], {
    cwd: projectRoot,
    env: { ...inherited, PORT: '0', POSTROOM_REQUEST_LOG: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // a process group of its own, for the last-resort SIGKILL
  });
  let output = '';
  const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL within 150 s:\n${output}`)), 150_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Postroom is running on (http:\/\/\S+) \(AWS endpoint: (http:\/\/[^,)]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    npm.stdout.on('data', onData);
    npm.stderr.on('data', onData);
    npm.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with code ${code} before it was ready:\n${output}`));
    });
  });
  return {
    npm,
    url: ready[1]!.replace(/\/$/, ''),
    awsEndpoint: ready[2]!,
    output: () => output,
    async stop(timeoutMs = 10_000) {
      if (npm.exitCode !== null || npm.signalCode !== null) return;
      npm.kill('SIGINT');
      const stopped = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), timeoutMs))]);
      if (!stopped) process.kill(-npm.pid!, 'SIGKILL');
    },
  };
}
