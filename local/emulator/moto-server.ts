import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

const projectRoot = join(import.meta.dirname, '..', '..');
const python = join(projectRoot, '.venv', 'bin', 'python');
/** moto's own server, with DynamoDB requests serialized (see the script for why). */
const launcher = join(projectRoot, 'emulator', 'moto_server.py');

export interface RunningEmulator {
  /** Endpoint for every AWS service, e.g. http://127.0.0.1:41234 */
  readonly endpoint: string;
  /** The server's process id (its memory, for the soak and the emulator's own tests). */
  readonly pid: number;
  /** Clears all emulated state (moto's reset API). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the project's pinned moto server on a free loopback port and waits until it answers.
 * The process is stopped by `stop()` and, as a last resort, when this process exits.
 */
export async function startMotoServer(options: { readonly startupTimeoutMs?: number; readonly env?: Readonly<Record<string, string>> } = {}): Promise<RunningEmulator> {
  if (!existsSync(python)) {
    throw new Error(`moto is not installed in ${join(projectRoot, '.venv')}: run \`npm install\` (it sets up the emulator) and try again`);
  }
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(python, [launcher, '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  await waitUntilReady(endpoint, child, options.startupTimeoutMs ?? 30_000, () => stderr);
  await configure(endpoint);

  return {
    endpoint,
    pid: child.pid!,
    async reset() {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      await configure(endpoint);
    },
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Step Functions executions only run when moto's interpreter is switched on. */
async function configure(endpoint: string): Promise<void> {
  await fetch(`${endpoint}/moto-api/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stepfunctions: { execute_state_machine: true } }),
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto exited with code ${child.exitCode}: ${stderr()}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`moto did not answer on ${endpoint} within ${timeoutMs} ms: ${stderr()}`);
}
