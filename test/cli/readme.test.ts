import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, inject, it } from 'vitest';
import { readmeSections, type ReadmeCommand } from '../conformance/support/readme-examples.ts';

/*
 * README's "Command line" examples run as printed, in order, in the repo's root (where `npx postroom`
 * runs this checkout's bin), against the tests' `npm start` (POSTROOM_ENDPOINT). Each command must
 * exit 0, or with the status after `→ exit N` in its comment. A command whose comment says it runs
 * "until Ctrl-C" gets SIGINT, as a terminal sends it to the whole foreground process group, once it
 * has printed and then gone quiet for a second; npm (npx) ends on it as a shell reports it, 130.
 * The `close` event comes once every process holding the output is gone, so postroom's own
 * graceful end (acks, commits) is part of each command.
 */

const root = join(import.meta.dirname, '..', '..');
const [section] = readmeSections(join(root, 'README.md'), 'npx postroom').filter(({ heading }) => heading === 'Command line');
/** Quiet time after which a long-running command is taken to have printed what there was. */
const SETTLE_MS = 1000;
/** npx's exit status for a command ended by SIGINT. */
const INTERRUPTED = 130;

describe('README: Command line', () => {
  it('has examples, some running until Ctrl-C', () => {
    expect(section?.commands.filter((command) => command.untilInterrupted).map((command) => command.text)).toEqual([
      'npx postroom queues consume orders',
      'npx postroom streams tail clicks --from earliest',
    ]);
  });

  it('runs every example as printed', { timeout: 180_000 }, async () => {
    for (const command of section!.commands) {
      const { code, stdout, stderr } = await run(command);
      const expected = command.untilInterrupted ? INTERRUPTED : (command.expectedExit ?? 0);
      expect({ command: command.text, code, stderr: code === expected ? '' : stderr }).toEqual({ command: command.text, code: expected, stderr: '' });
      if (command.untilInterrupted) expect(stdout, command.text).not.toBe('');
    }
  });
});

/** Runs one command in bash, in a process group of its own (a terminal's foreground job). */
async function run(command: ReadmeCommand): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const shell = spawn('bash', ['-c', command.text], { cwd: root, env: { ...process.env, POSTROOM_ENDPOINT: inject('baseUrl'), NO_COLOR: '1' }, detached: true });
  let stdout = '';
  let stderr = '';
  let printedAt = 0;
  shell.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    printedAt = Date.now();
  });
  shell.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A command ended by a signal answers as a shell reports it: 128 + the signal's number.
  const exited = new Promise<number | null>((resolve) => shell.once('close', (code, signal) => resolve(signal ? 128 + constants.signals[signal] : code)));
  if (command.untilInterrupted) {
    while (shell.exitCode === null && (printedAt === 0 || Date.now() - printedAt < SETTLE_MS)) await sleep(100);
    if (shell.exitCode === null) process.kill(-shell.pid!, 'SIGINT');
  }
  return { code: await exited, stdout, stderr };
}
