import { spawn } from 'node:child_process';
import { emulatorHome, installEmulator, motoLauncher } from './emulator-install.ts';
import { stopProcess, waitUntilReady } from './emulator-process.ts';
import { freePort } from './free-port.ts';

export interface RunningEmulator {
  /** Endpoint for every AWS service, e.g. http://127.0.0.1:41234 */
  readonly endpoint: string;
  /** The server's process id (its memory, for the soak and the emulator's own tests). */
  readonly pid: number;
  /** Clears all emulated state (moto's reset API). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export interface MotoServerOptions {
  /** @default 30000 */
  readonly startupTimeoutMs?: number;
  /**
   * Where the progress of a first-time install of the emulator goes.
   *
   * @default console.error
   */
  readonly log?: (line: string) => void;
  /**
   * Extra environment for the server, e.g. the emulator's bounds for tests (see emulator/).
   *
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Starts the project's pinned moto server on a free loopback port and waits until it answers,
 * installing it first if it is not yet (emulator-install.ts). The process is stopped by `stop()`,
 * else when this process exits, else when it is gone.
 */
export async function startMotoServer(options: MotoServerOptions = {}): Promise<RunningEmulator> {
  const python = await installEmulator(emulatorHome(), options.log ?? ((line) => console.error(line)));
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  // The launcher ends moto when this process is gone, even after a SIGKILL (emulator/exit_with_parent.py).
  const child = spawn(python, [motoLauncher, '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...options.env, POSTROOM_PARENT_PID: String(process.pid) },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  await waitUntilReady(`${endpoint}/moto-api/data.json`, child, options.startupTimeoutMs ?? 30_000, 'moto', () => stderr);
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
      await stopProcess(child, 3000);
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
