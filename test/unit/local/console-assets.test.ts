import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleResponse, readConsoleFiles } from '../../../local/http/console-assets.ts';

const files = new Map([
  ['index.html', Buffer.from('<!doctype html>')],
  ['console.js', Buffer.from('export {}')],
  ['chunks/sigv4-X.js', Buffer.from('// chunk')],
]);

describe('the console served beside the API', () => {
  it('answers /console and /console/ with index.html, and its files by name with their type', () => {
    for (const path of ['/console', '/console/', '/console/?from=bookmark']) {
      expect(consoleResponse('GET', path, files)).toMatchObject({ statusCode: 200, headers: expect.arrayContaining([['content-type', 'text/html; charset=utf-8']]), body: Buffer.from('<!doctype html>') });
    }
    expect(consoleResponse('GET', '/console/chunks/sigv4-X.js', files)).toMatchObject({ statusCode: 200, headers: expect.arrayContaining([['content-type', 'text/javascript; charset=utf-8']]) });
    expect(consoleResponse('HEAD', '/console/console.js', files)?.statusCode).toBe(200);
  });

  it('leaves everything else to the API, so that its 404 stays a problem document', () => {
    for (const [method, path] of [['GET', '/console/missing.js'], ['GET', '/consoles'], ['GET', '/v1/queues'], ['POST', '/console/'], ['DELETE', '/console/console.js']]) {
      expect(consoleResponse(method!, path!, files), `${method} ${path}`).toBeUndefined();
    }
  });
});

describe('the prebuilt console of the package (dist/console)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads its files, chunks included, by their names relative to the directory', () => {
    dir = mkdtempSync(join(tmpdir(), 'postroom-console-'));
    mkdirSync(join(dir, 'chunks'));
    for (const name of ['index.html', 'console.js', 'console.css', 'chunks/a.js', 'notes.txt']) writeFileSync(join(dir, name), name);
    expect([...readConsoleFiles(dir)!.keys()].sort()).toEqual(['chunks/a.js', 'console.css', 'console.js', 'index.html']);
  });

  it('is none where nothing was built (the repo, where npm start builds it)', () => {
    dir = mkdtempSync(join(tmpdir(), 'postroom-console-'));
    writeFileSync(join(dir, 'main.tsx'), '');
    expect(readConsoleFiles(dir)).toBeUndefined();
  });
});
