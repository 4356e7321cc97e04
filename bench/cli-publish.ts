import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLocalRuntime } from '../local/index.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', 'cli', 'postroom.mjs');

export interface CliPublishCost {
  readonly messages: number;
  /** HTTP requests the API served during the publish, by `METHOD path status`. */
  readonly requests: Record<string, number>;
}

/**
 * HTTP requests per message of `postroom queues publish --file` with `count` NDJSON lines, counted
 * by the local runtime's request log (each request the gateway answered) while the real bin runs
 * against it.
 */
export async function cliPublishCost(assemblyDir: string, endpoint: string, workDir: string, count: number): Promise<CliPublishCost> {
  const requests: string[] = [];
  const runtime = await startLocalRuntime({ assemblyDir, endpoint, port: 0, log: () => undefined, requestLog: (line) => requests.push(line) });
  try {
    const file = join(workDir, 'cli-publish.ndjson');
    writeFileSync(file, Array.from({ length: count }, (_, i) => `${JSON.stringify({ body: { i, pad: 'x'.repeat(64) } })}\n`).join(''));
    const postroom = (...args: string[]) => run(process.execPath, [bin, '--endpoint', runtime.url, ...args], { maxBuffer: 16 * 1024 * 1024 });
    await postroom('queues', 'declare', 'bench-cli');
    requests.length = 0;
    await postroom('queues', 'publish', 'bench-cli', '--file', file);
    const byRoute: Record<string, number> = {};
    // `POST /v1/queues/bench-cli/messages 202 14ms` → `POST /v1/queues/bench-cli/messages 202`
    for (const line of requests) {
      const route = line.replace(/ \d+ms$/, '');
      byRoute[route] = (byRoute[route] ?? 0) + 1;
    }
    return { messages: count, requests: byRoute };
  } finally {
    await runtime.stop();
  }
}
