import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeSections } from '../../conformance/support/readme-examples.ts';
import { fillPlaceholders } from '../../conformance/support/readme-placeholders.ts';

// The rules by which the conformance suite runs README's examples (test/conformance/readme.test.ts).

function sectionsOf(markdown: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'readme-')), 'README.md');
  writeFileSync(path, markdown);
  return readmeSections(path);
}

const fence = '```';

describe('README examples: sections and commands', () => {
  it('takes the sh blocks that use $P, by heading, with continuations, leaving out P= and other blocks', () => {
    const sections = sectionsOf(
      [
        '## Quick start',
        `${fence}sh`,
        'npm start',
        fence,
        '## Using queues',
        `${fence}sh`,
        'P=http://127.0.0.1:4000',
        'curl -X PUT $P/v1/queues/a \\',
        "  -d '{}'",
        fence,
        `${fence}ts`,
        '## not a heading inside a block',
        fence,
        '### Idempotent requests',
        `${fence}sh`,
        'curl $P/v1/queues/a &',
        'wait',
        fence,
      ].join('\n'),
    );

    expect(sections).toEqual([
      { heading: 'Using queues', commands: [{ text: "curl -X PUT $P/v1/queues/a \\\n  -d '{}'", expectedStatus: undefined, background: false }] },
      {
        heading: 'Idempotent requests',
        commands: [
          { text: 'curl $P/v1/queues/a &', expectedStatus: undefined, background: true },
          { text: 'wait', expectedStatus: undefined, background: false },
        ],
      },
    ]);
  });

  it('expects the status after → in the comment above, for the commands up to the next comment or blank line', () => {
    const [section] = sectionsOf(
      ['## S', `${fence}sh`, '# Publish → 202 {messageIds}', '# (a second comment line)', 'curl $P/a', 'curl $P/b', '# plain', 'curl $P/c', '# → 409 x', '', 'curl $P/d', fence].join('\n'),
    );

    expect(section!.commands.map((command) => [command.text, command.expectedStatus])).toEqual([
      ['curl $P/a', 202],
      ['curl $P/b', 202],
      ['curl $P/c', undefined],
      ['curl $P/d', undefined],
    ]);
  });

  it('takes the blocks that use another marker, with the exit status after "→ exit" and the commands that run until Ctrl-C', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'readme-')), 'README.md');
    writeFileSync(path, ['## Command line', `${fence}sh`, 'npx postroom a', '# A 4xx → exit 1', 'npx postroom b', '# Print, until Ctrl-C', 'npx postroom c', fence, `${fence}sh`, 'curl $P/d', fence].join('\n'));

    const [section] = readmeSections(path, 'npx postroom');

    expect(section!.commands.map(({ text, expectedExit, untilInterrupted }) => [text, expectedExit, untilInterrupted])).toEqual([
      ['npx postroom a', undefined, undefined],
      ['npx postroom b', 1, undefined],
      ['npx postroom c', undefined, true],
    ]);
  });
});

describe('README examples: placeholders', () => {
  const received = { messages: [{ receipt: 'r-1', body: { taskToken: 't-1' } }, { receipt: 'r-2', body: { taskToken: 't-2' } }] };

  it('fills <path> from the most recent response that has it, depth first, numbers indexing arrays', () => {
    const responses = [{ memberId: 'm-1', generation: 3 }, received, { acked: 1, failures: [] }];

    expect(fillPlaceholders('<receipt> <body.taskToken> <messages.1.receipt> <memberId> <generation>', responses)).toBe('r-1 t-1 r-2 m-1 3');
  });

  it('names the placeholder and the command when no response has it', () => {
    expect(() => fillPlaceholders('curl $P/v1/x/<memberId>', [received])).toThrow(/no earlier response has "memberId" to fill <memberId> in:\ncurl \$P\/v1\/x\/<memberId>/);
  });
});
