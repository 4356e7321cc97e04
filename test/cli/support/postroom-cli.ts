import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { inject, onTestFinished } from 'vitest';
import { PostroomClient } from '../../../client/index.ts';

const bin = join(import.meta.dirname, '..', '..', '..', 'cli', 'postroom.mjs');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Written to its stdin, which is then closed (else stdin is closed at once: not a TTY, no input). */
  readonly input?: string;
  readonly env?: Record<string, string>;
}

/**
 * Runs the `postroom` bin as a user does (`node cli/postroom.mjs …`, what npx runs), pointed at the
 * tests' `npm start` by POSTROOM_ENDPOINT, and collects its output.
 */
export function startCli(args: readonly string[], options: CliOptions = {}): RunningCli {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, POSTROOM_ENDPOINT: inject('baseUrl'), NO_COLOR: '1', ...options.env },
    stdio: 'pipe',
  });
  child.stdin.end(options.input);
  // A test that failed or timed out leaves no bin running against the shared npm start.
  onTestFinished(() => void child.kill('SIGKILL'));
  return new RunningCli(child);
}

/**
 * The typed client on the same Postroom, for what a test sets up and checks around the command under
 * test (a spawned bin costs a second of CPU on a loaded machine; a request does not).
 */
export function api(): PostroomClient {
  return new PostroomClient({ endpoint: inject('baseUrl') });
}

/** Runs the bin to its end. */
export function postroom(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).exited;
}

/** Runs the bin with --json to its end, expecting success; answers its stdout parsed. */
export async function postroomJson<T = any>(args: readonly string[], options: CliOptions = {}): Promise<T> {
  const result = await postroom(['--json', ...args], options);
  if (result.code !== 0) throw new Error(`postroom ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** A running bin (consume, tail, watch): its output so far, a wait for lines, and its end. */
export class RunningCli {
  stdout = '';
  stderr = '';
  readonly exited: Promise<CliResult>;
  #waiters: (() => void)[] = [];

  readonly child: ChildProcessWithoutNullStreams;

  constructor(child: ChildProcessWithoutNullStreams) {
    this.child = child;
    child.stdout.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString();
      for (const waiter of this.#waiters) waiter();
    });
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout: this.stdout, stderr: this.stderr })));
  }

  /** The complete lines printed so far. */
  lines(): string[] {
    return this.stdout.split('\n').slice(0, -1);
  }

  /** Resolves once `count` lines are out; rejects if the process ends first. */
  async waitForLines(count: number): Promise<string[]> {
    while (this.lines().length < count) {
      const printed = new Promise<'printed'>((resolve) => this.#waiters.push(() => resolve('printed')));
      const event = await Promise.race([printed, this.exited.then(() => 'ended' as const)]);
      this.#waiters = [];
      if (event === 'ended' && this.lines().length < count) {
        throw new Error(`postroom exited (${this.child.exitCode ?? this.child.signalCode}) after ${this.lines().length} of ${count} lines:\n${this.stderr}`);
      }
    }
    return this.lines();
  }

  /** Sends SIGINT, as Ctrl-C does, and waits for the end. */
  interrupt(): Promise<CliResult> {
    this.child.kill('SIGINT');
    return this.exited;
  }
}
