import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

export interface BundleSize {
  readonly scenario: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

const root = join(import.meta.dirname, '..');

/** Minified ESM, split so that what is imported dynamically (the signer) is a chunk of its own. */
async function chunks(options: BuildOptions): Promise<Array<{ path: string; text: string }>> {
  const result = await build({ bundle: true, minify: true, format: 'esm', splitting: true, outdir: '/bundle', write: false, logLevel: 'silent', ...options });
  return result.outputFiles!.filter((file) => file.path.endsWith('.js'));
}

const size = (scenario: string, files: ReadonlyArray<{ text: string }>): BundleSize => ({
  scenario,
  bytes: files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0),
  gzipBytes: files.reduce((sum, file) => sum + gzipSync(file.text).length, 0),
});

/**
 * What `postroom/client` costs a browser or Lambda user: the code loaded up front (no signing),
 * and with the signing chunks a signed request loads (a browser gives its credentials; a Lambda
 * uses the default credential chain, Node's provider). Gzip per file, summed. Its peer is
 * openapi-fetch alone, the generic client it is built on.
 */
export async function clientBundleSizes(): Promise<BundleSize[]> {
  const entryPoints = [join(root, 'client', 'index.ts')];
  // A browser cannot use Node's credential chain: it signs with credentials it is given.
  const browser = await chunks({ entryPoints, platform: 'browser', external: ['@aws-sdk/credential-provider-node'] });
  const lambda = await chunks({ entryPoints, platform: 'node', target: 'node24' });
  const entry = (files: typeof browser) => files.filter((file) => file.path.endsWith('/index.js'));
  const peer = await chunks({ stdin: { contents: "export { default } from 'openapi-fetch';", resolveDir: root }, platform: 'browser' });
  return [
    size('browser, unsigned (loaded up front)', entry(browser)),
    size('browser, signing with given credentials', browser),
    size('Lambda (node), signing with the default credential chain', lambda),
    size('peer: openapi-fetch alone', peer),
  ];
}
