import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateHandler } from '../../../local/lambda/handler-location.ts';

describe('locateHandler', () => {
  const code = mkdtempSync(join(tmpdir(), 'handler-location-'));
  mkdirSync(join(code, 'src'));
  for (const file of ['index.mjs', 'both.js', 'both.mjs', 'src/app.cjs']) writeFileSync(join(code, file), '');

  it('finds the module by the extensions Lambda tries, in its order', () => {
    expect(locateHandler(code, 'index.handler')).toEqual({ modulePath: join(code, 'index.mjs'), exportPath: ['handler'] });
    expect(locateHandler(code, 'both.handler').modulePath).toBe(join(code, 'both.js'));
  });

  it('reads directories and nested export paths', () => {
    expect(locateHandler(code, 'src/app.handlers.main')).toEqual({ modulePath: join(code, 'src', 'app.cjs'), exportPath: ['handlers', 'main'] });
  });

  it('explains what is missing', () => {
    expect(() => locateHandler(code, 'missing.handler')).toThrow(/none of missing.js, missing.mjs, missing.cjs/);
    expect(() => locateHandler(code, 'index')).toThrow(/malformed handler/);
  });
});
