// `node bundle-function.ts <entry> <outdir>`: bundles one Postroom function as the stack deploys it.
// CDK's local bundling is synchronous and esbuild runs plugins only asynchronously, so
// function-bundling.ts runs this in a child process. It needs esbuild, a development dependency:
// the repo runs it, an installed package deploys prebuilt bundles instead.
import { build } from 'esbuild';
import { postroomBuildOptions } from './bundle-options.ts';

const [entryFile, outdir] = process.argv.slice(2);
if (!entryFile || !outdir) throw new Error('usage: bundle-function.ts <entry file> <output directory>');
await build(postroomBuildOptions(entryFile, outdir));
