import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { GatewayResponse } from './http-api-response.ts';

/** The web console's built files by name (`index.html`, `console.js`, `chunks/…`): see console/build.ts. */
export type ConsoleFiles = ReadonlyMap<string, Uint8Array>;

/** Where the console is served, beside the API's /v1 routes. */
export const CONSOLE_PATH = '/console';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The console built into `dir` (dist/console of the installed package), or undefined when it is
 * not there (in the repo, where `npm start` builds it at start instead).
 */
export function readConsoleFiles(dir: string): ConsoleFiles | undefined {
  if (!existsSync(join(dir, 'console.js'))) return undefined;
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && extname(entry.name) in contentTypes);
  return new Map(files.map((entry) => [relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'), readFileSync(join(entry.parentPath, entry.name))]));
}

/**
 * The answer to a GET or HEAD of one of the console's files (`/console` and `/console/` are its
 * index.html), or undefined for any other request, which the API answers.
 */
export function consoleResponse(method: string, url: string, files: ConsoleFiles): GatewayResponse | undefined {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  const path = url.split('?')[0]!;
  if (path !== CONSOLE_PATH && !path.startsWith(`${CONSOLE_PATH}/`)) return undefined;
  const name = path.slice(CONSOLE_PATH.length + 1) || 'index.html';
  const file = files.get(name);
  if (!file) return undefined;
  return {
    statusCode: 200,
    headers: [['content-type', contentTypes[extname(name)] ?? 'application/octet-stream'], ['cache-control', 'no-cache']],
    body: Buffer.from(file), // node:http sends no body to a HEAD
  };
}
