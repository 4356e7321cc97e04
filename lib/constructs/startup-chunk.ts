import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Loader, Plugin, PluginBuild } from 'esbuild';

const NODE_MODULES = /[\\/]node_modules[\\/]/;

/**
 * esbuild splits by file: a file goes into a chunk with the other files reachable from exactly the
 * same entry points, and each module a function imports with `import()` counts as an entry point.
 * So the code a cold start loads, when lazily imported modules reach different parts of it, lands
 * in as many files as there are such combinations: 32 for the API, where each file costs Node a
 * read, a compile and a link beside the code's own cost.
 *
 * This plugin loads each module the function's own code imports with `import()` through a wrapper
 * that also imports the entry, so that every lazy module reaches all of the start-up code alike and
 * esbuild keeps it together. The entry has run by the time a lazy module loads, so the import
 * evaluates nothing. Left alone:
 * - the SDK's own `import()`s (its credential providers): their split is the SDK's, and the
 *   benchmark's SDK-only baseline has it too;
 * - an `import()` in a module with top-level await (tracing.ts imports the X-Ray tracer so): the
 *   entry would wait on the import and the import on the entry, and the function would never start.
 *   Only the module's own text is read: a top-level await of a function that another module
 *   defines, and that runs an `import()`, would deadlock the same way unseen. None does; the API's
 *   cold-start test loads its bundle with tracing on.
 *
 * The wrapper re-exports named exports only: no lazily imported module here has a default export.
 */
export function startupInOneChunk(entryFile: string): Plugin {
  const entry = resolve(entryFile);
  return {
    name: 'postroom-startup-in-one-chunk',
    setup(build) {
      const awaitsAtTopLevel = topLevelAwaitDetector(build);
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === WRAPPED || NODE_MODULES.test(args.importer)) return undefined;
        if (await awaitsAtTopLevel(args.importer)) return undefined;
        const target = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: WRAPPED });
        if (target.errors.length > 0 || target.external) return undefined;
        return { path: target.path, namespace: LAZY_MODULE };
      });
      build.onLoad({ filter: /.*/, namespace: LAZY_MODULE }, (args) => ({
        contents: `import ${JSON.stringify(entry)};\nexport * from ${JSON.stringify(args.path)};\n`,
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/** Whether a source file uses top-level await, by esbuild's own parser (CommonJS output refuses it). */
function topLevelAwaitDetector(build: PluginBuild): (file: string) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  return (file) => {
    let answer = known.get(file);
    if (!answer) {
      const loader: Loader = /\.[cm]?tsx?$/.test(file) ? 'ts' : 'js';
      answer = readFile(file, 'utf8')
        .then((source) => build.esbuild.transform(source, { loader, format: 'cjs', logLevel: 'silent' }))
        .then(
          () => false,
          (error: Error) => /top-level await/i.test(error.message),
        );
      known.set(file, answer);
    }
    return answer;
  };
}

const WRAPPED = Symbol('resolved by postroom-startup-in-one-chunk');
const LAZY_MODULE = 'postroom-lazy-module';
