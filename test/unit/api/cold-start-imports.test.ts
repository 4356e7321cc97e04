import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { postroomBuildOptions } from '../../../lib/constructs/function-bundling.ts';

const root = join(import.meta.dirname, '..', '..', '..');

/** The source files of the API bundle that a cold start evaluates: the entry's and those of the chunks it imports statically. */
async function coldStartInputs(): Promise<{ eager: Set<string>; all: Set<string> }> {
  const { metafile } = await build({ ...postroomBuildOptions(join(root, 'functions', 'api', 'handler.ts'), '/bundle'), write: false, metafile: true, logLevel: 'silent' });
  const outputs = metafile.outputs;
  const eagerOutputs = new Set<string>();
  const pending = Object.keys(outputs).filter((file) => file.endsWith('/index.mjs'));
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (eagerOutputs.has(file)) continue;
    eagerOutputs.add(file);
    pending.push(...outputs[file]!.imports.filter((imported) => imported.kind === 'import-statement' && !imported.external).map((imported) => imported.path));
  }
  const inputsOf = (files: Iterable<string>) => new Set([...files].flatMap((file) => Object.keys(outputs[file]!.inputs)));
  return { eager: inputsOf(eagerOutputs), all: inputsOf(Object.keys(outputs).filter((file) => file.endsWith('.mjs'))) };
}

// It bundles the API: seconds, more on a loaded machine.
describe("the API function's cold start", { timeout: 30_000 }, () => {
  it('builds the AWS clients but leaves the composition root, zod, Metrics and most problem classes to the first request', async () => {
    const { eager, all } = await coldStartInputs();
    const loaded = (pattern: RegExp, files: Set<string>) => [...files].some((file) => pattern.test(file));
    expect(loaded(/functions\/adapters\/aws-clients\.ts$/, eager)).toBe(true);
    expect(loaded(/@aws-sdk\/client-sqs\//, eager)).toBe(true);
    for (const lazy of [/functions\/api\/services\.ts$/, /functions\/core\/problems\/index\.ts$/, /functions\/core\/problems\/streams\.ts$/, /node_modules\/zod\//, /@aws-lambda-powertools\/metrics\//]) {
      expect(loaded(lazy, eager), String(lazy)).toBe(false);
      expect(loaded(lazy, all), String(lazy)).toBe(true);
    }
  });
});
