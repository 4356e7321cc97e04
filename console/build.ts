// The web console's bundle: console/main.tsx and its CSS, minified by esbuild, with index.html.
// `npm start` builds it in memory at start; `npm run build` writes it to dist/console for the package.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { ConsoleFiles } from '../local/http/console-assets.ts';

/** The console's files by name (`index.html`, `console.js`, `console.css`, `chunks/…`). */
export async function buildConsole(): Promise<ConsoleFiles> {
  const { outputFiles = [] } = await build({
    entryPoints: { console: join(import.meta.dirname, 'main.tsx') },
    bundle: true,
    minify: true,
    format: 'esm',
    // The client imports its SigV4 signer dynamically; split, it stays a chunk the console never loads.
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    external: ['@aws-sdk/credential-provider-node'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    chunkNames: 'chunks/[name]-[hash]',
    outdir: '/console',
    write: false,
    logLevel: 'warning',
  });
  const files = new Map(outputFiles.map((file) => [file.path.slice('/console/'.length), file.contents]));
  files.set('index.html', readFileSync(join(import.meta.dirname, 'index.html')));
  return files;
}

