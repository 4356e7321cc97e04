import { spawn } from 'node:child_process';
import { join } from 'node:path';

const projectRoot = join(import.meta.dirname, '..', '..');

export interface RunningPostroom {
  /** e.g. http://127.0.0.1:41234, without a trailing slash. */
  readonly baseUrl: string;
  /** npm's pid: the root of everything `npm start` runs (tsx, node, the emulator). */
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Runs `npm start` exactly as a user would, on a free port, with the emulator it starts itself
 * (AWS_ENDPOINT_URL is removed: the default a user gets), and waits until it prints its URL.
 */
export async function startPostroom(): Promise<RunningPostroom> {
  const { AWS_ENDPOINT_URL: _ignored, ...env } = process.env;
  const child = spawn('npm', ['start', '--silent'], {
    cwd: projectRoot,
    env: { ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stopping it stops tsx, moto and everything under npm
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL within 150 s:\n${output}`)), 150_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Postroom is running on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with code ${code} before it was ready:\n${output}`));
    });
  });
  return {
    baseUrl: url.replace(/\/$/, ''),
    pid: child.pid!,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGINT');
      const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
      if (!stopped) process.kill(-child.pid!, 'SIGKILL');
    },
  };
}
