import { readFileSync } from 'node:fs';

/** One command of a README `sh` block, as printed (continuation lines included), with what its comment promises. */
export interface ReadmeCommand {
  readonly text: string;
  /** The status after `→ NNN` in the comment above; undefined means any 2xx. */
  readonly expectedStatus?: number;
  /** The exit status after `→ exit N` in the comment above (commands other than curl); undefined means 0. */
  readonly expectedExit?: number;
  /** The comment above says it runs until Ctrl-C. */
  readonly untilInterrupted?: true;
  /** Printed with `&` at its end: it runs in the background until a later `wait`. */
  readonly background: boolean;
}

/** The `sh` blocks under one `##`/`###` heading that talk to the API. */
export interface ReadmeSection {
  readonly heading: string;
  readonly commands: readonly ReadmeCommand[];
}

const HEADING = /^#{2,3} (.+)$/;
const EXPECTED_STATUS = /→\s*(\d{3})\b/;
const EXPECTED_EXIT = /→\s*exit (\d+)\b/;
const UNTIL_INTERRUPTED = /until Ctrl-C/;
/** `P=http://…` sets the base URL, which the harness sets itself. */
const BASE_URL_ASSIGNMENT = /^P=\S+$/;

/**
 * The README's API examples by section, in order: `sh` blocks that use `$P` (or `uses`, e.g. the
 * command line's `npx postroom`); other blocks (install, deploy) and `ts` blocks are not API
 * examples. A comment line (or several in a row) applies to the commands after it until the next
 * comment or blank line.
 */
export function readmeSections(path: string, uses = '$P'): ReadmeSection[] {
  const sections: { heading: string; commands: ReadmeCommand[] }[] = [];
  let current = { heading: '', commands: [] as ReadmeCommand[] };
  /** The lines of the `sh` block being read; null inside another kind of block. */
  let block: string[] | null | undefined;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (block !== undefined && line.startsWith('```')) {
      if (block?.some((text) => text.includes(uses))) current.commands.push(...commandsOf(block));
      block = undefined;
    } else if (block !== undefined) {
      block?.push(line);
    } else if (line.startsWith('```')) {
      block = line.trim() === '```sh' ? [] : null;
    } else if (HEADING.test(line)) {
      current = { heading: HEADING.exec(line)![1]!, commands: [] };
      sections.push(current);
    }
  }
  return sections.filter((section) => section.commands.length > 0);
}

function commandsOf(lines: readonly string[]): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  let comment: string[] = [];
  let afterComment = false;
  let pending: string[] = [];
  for (const line of lines) {
    if (pending.length === 0 && line.trim() === '') {
      comment = [];
      afterComment = false;
    } else if (pending.length === 0 && line.startsWith('#')) {
      comment = afterComment ? [...comment, line] : [line];
      afterComment = true;
    } else {
      afterComment = false;
      pending.push(line);
      if (line.endsWith('\\')) continue;
      const text = pending.join('\n');
      pending = [];
      if (BASE_URL_ASSIGNMENT.test(text)) continue;
      const said = comment.join(' ');
      const status = EXPECTED_STATUS.exec(said)?.[1];
      const exit = EXPECTED_EXIT.exec(said)?.[1];
      commands.push({
        text,
        expectedStatus: status ? Number(status) : undefined,
        expectedExit: exit ? Number(exit) : undefined,
        ...(UNTIL_INTERRUPTED.test(said) && { untilInterrupted: true as const }),
        background: /&\s*$/.test(text),
      });
    }
  }
  return commands;
}
