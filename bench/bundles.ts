/**
 * `npm run bench:bundles [-- <logical id prefix>...]`: only `npm run bench`'s bundle figures (each
 * function's cold module initialisation beside its SDK-only baseline, the client's sizes), in
 * about a minute instead of the whole benchmark's quarter of an hour; the prefixes, e.g.
 * `ApiFunction`, keep only those functions.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startMotoServer } from '../local/emulator/moto-server.ts';
import { synthesize } from '../local/index.ts';
import { provisionApiFunction } from '../testing/api-function.ts';
import { reportBundles } from './bundle-figures.ts';

const workDir = join(import.meta.dirname, '..', '.postroom', 'bench-bundles');
const prefixes = process.argv.slice(2);

rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
await synthesize({ outDir: join(workDir, 'cdk.out') });
// The functions' environment is the template's, resolved against provisioned resources.
const moto = await startMotoServer();
try {
  const { functions } = await provisionApiFunction({ assemblyDir: join(workDir, 'cdk.out'), endpoint: moto.endpoint });
  await reportBundles(prefixes.length ? functions.filter((fn) => prefixes.some((prefix) => fn.logicalId.startsWith(prefix))) : functions, workDir);
} finally {
  await moto.stop();
}
