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
  /** Clears all emulated state (moto's reset API). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the project's pinned moto server on a free loopback port and waits until it answers.
 * The process is stopped by `stop()`, else when this process exits, else when it is gone.
 */
export async function startMotoServer(options: { readonly startupTimeoutMs?: number } = {}): Promise<RunningEmulator> {
  if (!existsSync(python)) {
    throw new Error(`moto is not installed in ${join(projectRoot, '.venv')}: run \`npm install\` (it sets up the emulator) and try again`);
  }
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  // The launcher ends moto when this process is gone, even after a SIGKILL (emulator/exit_with_parent.py).
  const child = spawn(python, [launcher, '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, POSTROOM_PARENT_PID: String(process.pid) },
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
