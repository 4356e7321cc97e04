import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What one `curl` of a command answered. */
export interface CurlResult {
  /** curl's own exit code (0 unless the request itself failed, e.g. no connection). */
  readonly exitCode: number;
  readonly status: number;
  readonly body: string;
}

/**
 * One bash session, as a person's terminal: commands run in it one after another, so background
 * jobs (`&`) and `wait`, variables and the working directory carry over. `curl` is a shell function
 * that runs the real curl with `-sS -o <file> -w '%{http_code}'` added, so each command's text runs
 * unchanged while its status and body are kept for the command that started it (also in the
 * background). A command with its own `-o` (a download) keeps it: curl writes one URL to the first
 * `-o` only, so the body is not kept then.
 */
export class ReadmeShell {
  readonly #bash: ChildProcessWithoutNullStreams;
  readonly #dir = mkdtempSync(join(tmpdir(), 'postroom-readme-'));
  #stdout = '';
  #stderr = '';
  #count = 0;

  constructor(baseUrl: string) {
    // Its own process group, so that closing it also ends a background curl still waiting.
    this.#bash = spawn('bash', ['--noprofile', '--norc'], { env: { ...process.env, P: baseUrl }, stdio: 'pipe', detached: true });
    this.#bash.stdout.on('data', (chunk: Buffer) => (this.#stdout += chunk.toString()));
    this.#bash.stderr.on('data', (chunk: Buffer) => (this.#stderr += chunk.toString()));
    this.#bash.stdin.write(
      [
        'curl() {',
        '  local out=$__readme_out body=(-o "$__readme_out.body")',
        '  case " $* " in *" -o "*) body=() ;; esac',
        `  command curl -sS "\${body[@]}" -w '%{http_code}' "$@" > "$out.status"`,
        '  local code=$?',
        // Written last, by a rename: its presence means the call is over.
        '  echo $code > "$out.tmp" && mv "$out.tmp" "$out.exit"',
        '  return $code',
        '}',
        '',
      ].join('\n'),
    );
  }

  /**
   * Runs one command (in the background if it ends with `&`) and waits for the shell to take the
   * next; answers a handle on its curl call and the shell's exit status.
   */
  async run(command: string, timeoutMs: number): Promise<{ shellStatus: number; call: CurlCall; stderr: string }> {
    const id = ++this.#count;
    const out = join(this.#dir, String(id));
    const done = `__readme_done_${id}__`;
    this.#stderr = '';
    this.#bash.stdin.write(`__readme_out=${out}\n${command}\nprintf '\\n${done} %d\\n' $?\n`);
    const pattern = new RegExp(`${done} (\\d+)\\n`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.#stdout);
      if (match) {
        this.#stdout = this.#stdout.slice(match.index + match[0].length);
        return { shellStatus: Number(match[1]), call: new CurlCall(out), stderr: this.#stderr };
      }
      if (this.#bash.exitCode !== null) throw new Error(`bash exited (${this.#bash.exitCode}) while running:\n${command}\n${this.#stderr}`);
      if (Date.now() > deadline) throw new Error(`still running after ${timeoutMs / 1000} s:\n${command}`);
      await sleep(20);
    }
  }

  close(): void {
    if (this.#bash.exitCode === null) process.kill(-this.#bash.pid!, 'SIGTERM');
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** The curl call a command made, if it made one; a background command's completes later. */
export class CurlCall {
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  get made(): boolean {
    return existsSync(`${this.file}.status`);
  }

  /** Undefined until the call is over. */
  result(): CurlResult | undefined {
    if (!existsSync(`${this.file}.exit`)) return undefined;
    const read = (suffix: string) => (existsSync(`${this.file}.${suffix}`) ? readFileSync(`${this.file}.${suffix}`, 'utf8') : '');
    return { exitCode: Number(read('exit')), status: Number(read('status')), body: read('body') };
  }
}
