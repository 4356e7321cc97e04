// `node bundle-function.ts <entry> <outdir>`: bundles one Postroom function as the stack deploys it,
// and keeps the bundle for the next synthesis (bundle-cache.ts). CDK's local bundling is
// synchronous and esbuild runs plugins only asynchronously, so function-bundling.ts runs this in a
// child process. It needs esbuild, a development dependency: the repo runs it, an installed package
// deploys prebuilt bundles instead.
import { build } from 'esbuild';
import { saveBundle } from './bundle-cache.ts';
import { postroomBuildOptions } from './bundle-options.ts';

const [entryFile, outdir] = process.argv.slice(2);
if (!entryFile || !outdir) throw new Error('usage: bundle-function.ts <entry file> <output directory>');
const { metafile } = await build({ ...postroomBuildOptions(entryFile, outdir), metafile: true });
saveBundle(entryFile, outdir, Object.keys(metafile.inputs));
