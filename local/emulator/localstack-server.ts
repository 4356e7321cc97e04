import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.ts';
import { installLocalStack, localStackLauncher } from './localstack-install.ts';
import type { RunningEmulator } from './moto-server.ts';
import { stopProcess, waitUntilReady } from './emulator-process.ts';

/** The services the LocalStack profile runs there; DynamoDB and its streams stay on moto (their LocalStack needs AWS's DynamoDB Local). */
export const LOCALSTACK_SERVICES = ['sqs', 'sns', 'stepfunctions', 'sts'] as const;

export interface LocalStackOptions {
  /** @default 60000 */
  readonly startupTimeoutMs?: number;
  /** @default console.error */
  readonly log?: (line: string) => void;
  /**
   * Its filesystem root (config, temporary files), removed by `stop()`.
   *
   * @default `.postroom/localstack/<pid>` of the current folder
   */
  readonly stateDir?: string;
}

/**
 * Starts LocalStack's open-source core on the host (no Docker, no auth token) on a free loopback
 * port, installing it first if it is not yet (localstack-install.ts), and waits until it answers.
 * It is stopped by `stop()`, else when this process exits, else when it is gone.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<RunningEmulator> {
  const python = await installLocalStack(options.log ?? ((line) => console.error(line)));
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const stateDir = options.stateDir ?? join(process.cwd(), '.postroom', 'localstack', String(process.pid));
  mkdirSync(stateDir, { recursive: true });
  const child = spawn(python, [localStackLauncher], {
    cwd: stateDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      POSTROOM_PARENT_PID: String(process.pid),
      GATEWAY_LISTEN: `127.0.0.1:${port}`,
      LOCALSTACK_HOST: `127.0.0.1:${port}`,
      // The twisted server binds every interface whatever GATEWAY_LISTEN says; hypercorn binds loopback only.
      GATEWAY_SERVER: 'hypercorn',
      // On the host: else it writes to /var/lib/localstack and /usr/lib/localstack.
      OVERRIDE_IN_DOCKER: '0',
      FILESYSTEM_ROOT: stateDir,
      SERVICES: LOCALSTACK_SERVICES.join(','),
      // Its default queue URLs (sqs.<region>.localhost.localstack.cloud) make SDK v3's SQS client try an invalid host.
      SQS_ENDPOINT_STRATEGY: 'off',
      // As SQS: a second PurgeQueue within 60 s is refused with PurgeQueueInProgress (LocalStack allows it by default).
      SQS_DELAY_PURGE_RETRY: '1',
      // Its queue metrics go to CloudWatch, which the profile does not run.
      SQS_DISABLE_CLOUDWATCH_METRICS: '1',
      DNS_ADDRESS: '0',
      SKIP_SSL_CERT_DOWNLOAD: '1',
      LOCALSTACK_TELEMETRY: '0',
      DISABLE_EVENTS: '1',
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  await waitUntilReady(`${endpoint}/_localstack/health`, child, options.startupTimeoutMs ?? 60_000, 'LocalStack', () => stderr);

  return {
    endpoint,
    pid: child.pid!,
    async reset() {
      await fetch(`${endpoint}/_localstack/state/reset`, { method: 'POST' });
    },
    async stop() {
      process.off('exit', killOnExit);
      await stopProcess(child, 5000);
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
