import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// README's client example is examples/client.ts as a user imports it: tsc checks the file, and
// the conformance suite runs it (README's sh block under "Client").
const root = join(import.meta.dirname, '..', '..', '..');

describe("README's client example", () => {
  it('is examples/client.ts, importing postroom/client', () => {
    const example = readFileSync(join(root, 'examples', 'client.ts'), 'utf8').replace("from '../client/index.ts'", "from 'postroom/client'");
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`\`\`\`ts\n${example}\`\`\``);
  });
});
