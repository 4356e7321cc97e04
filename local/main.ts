/**
 * `npm start`: synthesizes the CDK app (cdk.json) into .postroom/cdk.out, starts moto (unless
 * AWS_ENDPOINT_URL names another emulator, e.g. LocalStack) and runs the app locally on
 * http://127.0.0.1:${PORT:-4000}. Ctrl-C stops everything it started.
 */
import { join } from 'node:path';
import { synthesize } from './assembly/synthesize.ts';
import { startMotoServer, type RunningEmulator } from './emulator/moto-server.ts';
import { assertPortFree } from './http/gateway-server.ts';
import { startLocalRuntime, type LocalRuntime } from './runtime.ts';

const projectRoot = join(import.meta.dirname, '..');
const assemblyDir = join(projectRoot, '.postroom', 'cdk.out');
const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 4000);

let emulator: RunningEmulator | undefined;
let runtime: LocalRuntime | undefined;

async function main(): Promise<void> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  await assertPortFree(host, port);
  console.error('Synthesizing the CDK app...');
  await synthesize({ outDir: assemblyDir, cwd: projectRoot });
  const endpoint = process.env.AWS_ENDPOINT_URL ?? (emulator = await startMotoServer()).endpoint;
  runtime = await startLocalRuntime({ assemblyDir, endpoint, host, port });
  console.log(`Postroom is running on ${runtime.url} (AWS endpoint: ${endpoint}${emulator ? ', moto' : ''})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(0));
}

async function shutdown(code: number): Promise<never> {
  await runtime?.stop();
  await emulator?.stop();
  process.exit(code);
}

main().catch((error: Error) => {
  console.error(`postroom: ${error.message}`);
  void shutdown(1);
});
