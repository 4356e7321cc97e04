import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { exclusively } from './support/exclusively.ts';
import { readmeSections, type ReadmeCommand } from './support/readme-examples.ts';
import { fillPlaceholders } from './support/readme-placeholders.ts';
import { type CurlCall, ReadmeShell } from './support/readme-shell.ts';

/*
 * README.md as executable documentation: every `sh` block that talks to the API (uses `$P`) runs,
 * section by section (## / ### headings), as a person would paste it into a terminal:
 * - One bash session per section, with `P` set to the Postroom under test; a printed `P=…` line is
 *   left out. Commands run in order as printed (`\` continuations included); `&` runs one in the
 *   background until a later `wait` (or the section's end).
 * - `<path>` placeholders are filled from earlier responses: see readme-placeholders.ts.
 * - Each curl must answer what its comment promises: the status after `→ NNN` in the comment line(s)
 *   above it (a comment covers the commands after it until the next comment or blank line), else
 *   any 2xx. Other commands must exit 0.
 * - Sections are self-contained and run in order against one `npm start`, so each declares what it
 *   uses and its names differ from other sections' where SQS's 60 s rule would bite.
 * `ts` blocks and blocks without `$P` (install, deploy) are not run. The examples are what a user
 * types into a fresh `npm start`: unsigned requests and fixed names (queues, executionId `t-42`), so
 * against a deployed stack they need a fresh one whose API takes unsigned requests.
 */

const readme = join(import.meta.dirname, '..', '..', 'README.md');
const sections = readmeSections(readme);
/** The longest a printed command may take: a 20 s long poll, with room for a slow emulator. */
const COMMAND_TIMEOUT_MS = 40_000;
/** Sections that drive the shared `trip` example saga take turns with its own conformance test. */
const SAGA_SECTIONS = new Set(['Sagas over HTTP']);

describe('README examples', () => {
  it('has API examples in the sections that document the API', () => {
    expect(sections.map((section) => section.heading)).toEqual(
      expect.arrayContaining(['Using queues', 'Idempotent requests', 'Using exchanges', 'Request-reply', 'Sagas over HTTP', 'Using streams', 'Event sourcing']),
    );
  });

  for (const section of sections) {
    it(`runs "${section.heading}" as printed`, { timeout: 180_000 }, async () => {
      const run = () => runSection(section.heading, section.commands);
      await (SAGA_SECTIONS.has(section.heading) ? exclusively('trip-saga', run) : run());
    });
  }
});

async function runSection(heading: string, commands: readonly ReadmeCommand[]): Promise<void> {
  const shell = new ReadmeShell(inject('baseUrl'));
  /** JSON bodies of the calls so far, oldest first: where placeholders come from. */
  const responses: unknown[] = [];
  let background: { command: ReadmeCommand; text: string; call: CurlCall }[] = [];
  /** Checks a finished call against its comment and keeps its body; false while it still runs. */
  const finished = (command: ReadmeCommand, text: string, call: CurlCall): boolean => {
    const result = call.result();
    if (!result) return false;
    const expected = command.expectedStatus;
    const answered = expected === undefined ? result.status >= 200 && result.status < 300 : result.status === expected;
    if (result.exitCode !== 0 || !answered) {
      throw new Error(`README "${heading}": expected ${expected ?? '2xx'}, got ${result.status} (curl exit ${result.exitCode}) from\n${text}\n${result.body}`);
    }
    try {
      responses.push(JSON.parse(result.body));
    } catch {
      // Not every answer has a JSON body (204, text).
    }
    return true;
  };
  /** Background calls count once they end, for their status and as responses. */
  const collect = () => (background = background.filter(({ command, text, call }) => !finished(command, text, call)));
  try {
    for (const command of commands) {
      const text = fillPlaceholders(command.text, responses);
      const { shellStatus, call, stderr } = await shell.run(text, COMMAND_TIMEOUT_MS);
      if (command.background) background.push({ command, text, call });
      else if (call.made) finished(command, text, call);
      else if (shellStatus !== 0) throw new Error(`README "${heading}": exit status ${shellStatus} from\n${text}\n${stderr}`);
      collect();
    }
    await shell.run('wait', COMMAND_TIMEOUT_MS);
    collect();
    expect(background.map(({ text }) => text), 'background commands that made no curl call').toEqual([]);
  } finally {
    shell.close();
  }
}
