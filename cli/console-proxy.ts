import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isLoopback } from '../client/postroom-client.ts';
import { createSigner, type RequestSigner, type SigningOptions } from '../client/sigv4.ts';
import { CONSOLE_PATH, consoleResponse, readConsoleFiles, type ConsoleFiles } from '../local/http/console-assets.ts';

/** `postroom console`'s port unless --port says otherwise: beside npm start's 4000. */
export const DEFAULT_CONSOLE_PORT = 4100;

/** Request headers the console's calls carry that the API reads; the rest (cookies, sec-*, origin) stay here. */
const forwardedRequestHeaders = ['accept', 'content-type', 'idempotency-key', 'traceparent'];
/** Response headers that describe the proxy's own connection or fetch's decoding, not the API's answer. */
const droppedResponseHeaders = new Set(['connection', 'content-encoding', 'content-length', 'keep-alive', 'transfer-encoding']);

export interface ConsoleProxy {
  /** Where the console is, e.g. http://127.0.0.1:4100/console */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * `postroom console --stack <name> | --endpoint <url>`: the console for that API on loopback, its
 * calls signed as the client signs (SigV4 with the default credential chain for any endpoint but
 * loopback; `signing` as PostroomClient's option says otherwise).
 */
export async function serveConsole(options: { readonly endpoint: string; readonly port?: number; readonly signing?: boolean | SigningOptions }): Promise<ConsoleProxy> {
  const endpoint = new URL(options.endpoint);
  const signing = options.signing ?? !isLoopback(endpoint);
  const [files, signer] = await Promise.all([consoleFiles(), signing === false ? undefined : createSigner(endpoint, signing === true ? {} : signing)]);
  return startConsoleProxy({ endpoint: options.endpoint, files, signer, port: options.port ?? DEFAULT_CONSOLE_PORT });
}

/**
 * The package's prebuilt console (dist/console beside dist/cli), or in the repo (where console/
 * holds the source) one built now: esbuild is a dev dependency, so it is imported only then, by a
 * path tsc does not follow into the package.
 */
async function consoleFiles(): Promise<ConsoleFiles> {
  const dir = join(import.meta.dirname, '..', 'console');
  const builder = pathToFileURL(join(dir, 'build.ts')).href;
  return readConsoleFiles(dir) ?? ((await import(builder)) as { buildConsole(): Promise<ConsoleFiles> }).buildConsole();
}

/**
 * Serves the web console on loopback and forwards its API calls (`/v1/…`) to a
 * stack's API, signed with `signer` (SigV4 with the user's credentials), so that the API stays
 * IAM-only and nothing is exposed beyond this machine. The API's answers come back unchanged,
 * refusals included (a 403 shows in the console with its message).
 */
export async function startConsoleProxy(options: {
  readonly endpoint: string;
  readonly files: ConsoleFiles;
  /** Undefined forwards unsigned (an `npm start` endpoint). */
  readonly signer: RequestSigner | undefined;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
}): Promise<ConsoleProxy> {
  const host = options.host ?? '127.0.0.1';
  const base = new URL(options.endpoint.replace(/\/*$/, '/'));
  const server = createServer((request, response) => {
    void answer(request, response).catch((error: Error) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: `postroom console could not reach ${base.origin}: ${error.message}` }));
    });
  });

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    if (path === '/') {
      response.writeHead(302, { location: `${CONSOLE_PATH}/` }).end();
      return;
    }
    const file = consoleResponse(method, path, options.files);
    if (file) {
      response.writeHead(file.statusCode, file.headers.flat()).end(file.body);
      return;
    }
    if (!path.startsWith('/v1/')) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found' }));
      return;
    }
    // The stack's URL may carry a stage path: the API's path goes under it.
    const url = new URL(path.slice(1), base);
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
    const headers = new Headers();
    for (const name of forwardedRequestHeaders) {
      const value = request.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    const sent = options.signer ? await options.signer(method, url, headers, body) : headers;
    const upstream = await fetch(url, { method, headers: sent, body, redirect: 'manual' });
    const answerHeaders = [...upstream.headers].filter(([name]) => !droppedResponseHeaders.has(name));
    response.writeHead(upstream.status, answerHeaders.flat()).end(Buffer.from(await upstream.arrayBuffer()));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${options.port} on ${host} is already in use: give --port another (0 picks a free one)`) : error),
    );
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}${CONSOLE_PATH}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
