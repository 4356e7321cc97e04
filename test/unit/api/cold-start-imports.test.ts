import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { postroomBuildOptions } from '../../../lib/constructs/bundle-options.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const execFileAsync = promisify(execFile);

/**
 * The API bundled once for all tests here, written to a scratch directory: its directory and the
 * source files that a cold start evaluates (the entry's and those of the chunks it imports
 * statically), all its source files, and how many files a cold start loads.
 */
let bundled: Promise<{ outdir: string; eager: Set<string>; all: Set<string>; eagerFiles: number }> | undefined;
const apiBundle = () => (bundled ??= bundleApi());

async function bundleApi() {
  const outdir = mkdtempSync(join(tmpdir(), 'postroom-cold-start-'));
  const { metafile } = await build({ ...postroomBuildOptions(join(root, 'functions', 'api', 'handler.ts'), outdir), metafile: true, logLevel: 'silent' });
  const outputs = metafile.outputs;
  const eagerOutputs = new Set<string>();
  const pending = Object.keys(outputs).filter((file) => file.endsWith('/index.mjs'));
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (eagerOutputs.has(file)) continue;
    eagerOutputs.add(file);
    pending.push(...outputs[file]!.imports.filter((imported) => imported.kind === 'import-statement' && !imported.external).map((imported) => imported.path));
  }
  const inputsOf = (files: Iterable<string>) => new Set([...files].flatMap((file) => Object.keys(outputs[file]!.inputs)));
  return { outdir, eager: inputsOf(eagerOutputs), all: inputsOf(Object.keys(outputs).filter((file) => file.endsWith('.mjs'))), eagerFiles: eagerOutputs.size };
}

afterAll(async () => {
  if (bundled) rmSync((await bundled).outdir, { recursive: true, force: true });
});

// It bundles the API: seconds, more on a loaded machine.
describe("the API function's cold start", { timeout: 30_000 }, () => {
  it('builds the AWS clients and the route table but leaves the composition root, zod, Metrics, most problem classes and the route docs to the first request', async () => {
    const { eager, all } = await apiBundle();
    const loaded = (pattern: RegExp, files: Set<string>) => [...files].some((file) => pattern.test(file));
    expect(loaded(/functions\/adapters\/aws-clients\.ts$/, eager)).toBe(true);
    expect(loaded(/@aws-sdk\/client-sqs\//, eager)).toBe(true);
    expect(loaded(/functions\/api\/route-table\.ts$/, eager)).toBe(true);
    // The route docs are read only by the API document, built on the first GET /v1/openapi.json.
    for (const lazy of [/functions\/api\/services\.ts$/, /functions\/core\/problems\/index\.ts$/, /functions\/core\/problems\/streams\.ts$/, /node_modules\/zod\//, /@aws-lambda-powertools\/metrics\//, /functions\/api\/route-docs\.ts$/]) {
      expect(loaded(lazy, eager), String(lazy)).toBe(false);
      expect(loaded(lazy, all), String(lazy)).toBe(true);
    }
  });

  it('keeps what a cold start loads in few files: the lazy route families do not split it into chunks of their own', async () => {
    // Each file costs Node a read, a compile and a link. Without startup-chunk.ts the API's start-up
    // code was 32 files; what remains is split by the SDK's own lazy imports (its credential
    // providers), as in an SDK-only bundle of the same clients (12 files).
    const { eagerFiles } = await apiBundle();
    expect(eagerFiles).toBeLessThanOrEqual(14);
  });

  it('starts with tracing on, where a module awaits its lazy import of the tracer at top level', async () => {
    // Had that import() been routed through a wrapper importing the entry, the entry would wait on
    // the import and the import on the entry: the module would never finish loading.
    const { outdir } = await apiBundle();
    const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(outdir, 'index.mjs')).href)}); process.stdout.write(typeof handler);`;
    const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', AWS_REGION: 'us-east-1', POWERTOOLS_LOG_LEVEL: 'ERROR' },
      timeout: 20_000,
    });
    expect(stdout).toBe('function');
  });
});
