import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPostroom, type StartedPostroom } from '../../testing/npm-start.ts';

const root = join(import.meta.dirname, '..', '..');

/**
 * Schemathesis (installed in the project's .venv from emulator/requirements.txt) fuzzes every
 * operation of the served OpenAPI document and follows its links in stateful sequences (declare →
 * publish → receive → ack, declare stream → produce → read), checking for server errors and that
 * statuses, content types, headers and bodies are the documented ones. Settings and the reasons
 * for the checks it leaves out are in schemathesis.toml. A failure it finds becomes a regression
 * test in the suites it belongs to, and a fix.
 *
 * It gets an `npm start` of its own: it deletes, purges and fills whatever it finds (the example
 * sagas' queues included), which would break the scenarios running beside it.
 */
let postroom: StartedPostroom;
beforeAll(async () => {
  postroom = await startPostroom();
});
afterAll(() => postroom?.stop());

it('finds no failure in any operation or linked sequence', async () => {
  const baseUrl = postroom.url;
  const args = ['--config-file', join(import.meta.dirname, 'schemathesis.toml'), 'run', `${baseUrl}/v1/openapi.json`, '--url', baseUrl, '--no-color'];
  const { code, output } = await run(join(root, '.venv', 'bin', 'schemathesis'), args);
  expect(code, output).toBe(0);
  // About four minutes on two idle cores; Hypothesis' generation is CPU-bound and slows with load.
}, 480_000);

function run(command: string, args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}
