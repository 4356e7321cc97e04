import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPython } from '../../../local/emulator/find-python.ts';

const root = mkdtempSync(join(tmpdir(), 'find-python-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An executable that answers the version question as that Python would. */
function fakePython(path: string, version: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `#!/bin/sh\necho ${version}\n`);
  chmodSync(path, 0o755);
  return path;
}

// PATH holds no python3.13, so only the variable and pyenv can answer.
const base = { PATH: '/nonexistent' };

describe('findPython', () => {
  it("finds one under pyenv's versions, newest first", async () => {
    const pyenv = join(root, 'pyenv');
    fakePython(join(pyenv, 'versions', '3.13.0', 'bin', 'python3.13'), '3.13');
    const newest = fakePython(join(pyenv, 'versions', '3.13.2', 'bin', 'python3.13'), '3.13');
    fakePython(join(pyenv, 'versions', '3.12.1', 'bin', 'python3.12'), '3.12');

    expect((await findPython('3.13', 'PY313', { ...base, PYENV_ROOT: pyenv })).python).toBe(newest);
  });

  it('takes the one the variable names first, but only if it is that version', async () => {
    const named = fakePython(join(root, 'named', 'python'), '3.13');
    const wrong = fakePython(join(root, 'wrong', 'python'), '3.12');

    expect((await findPython('3.13', 'PY313', { ...base, PYENV_ROOT: join(root, 'none'), PY313: named })).python).toBe(named);
    expect((await findPython('3.13', 'PY313', { ...base, PYENV_ROOT: join(root, 'none'), PY313: wrong })).python).toBeUndefined();
  });

  it('says where it looked when there is none', async () => {
    const found = await findPython('3.13', 'PY313', { ...base, PYENV_ROOT: join(root, 'none') });

    expect(found.python).toBeUndefined();
    expect(found.looked).toEqual(['$PY313', 'python3.13', `${join(root, 'none', 'versions')}/3.13.*`]);
  });
});
