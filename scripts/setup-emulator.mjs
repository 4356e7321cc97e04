// Installs the pinned moto server into a project-local virtualenv (.venv), so that `npm start` and
// the tests have their docker-free AWS emulator without touching the user's Python. Runs on
// `npm install`; a stamp of the requirements file makes repeat installs a no-op.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

if (process.env.POSTROOM_SKIP_EMULATOR_SETUP) process.exit(0);

const root = join(import.meta.dirname, '..');
const venv = join(root, '.venv');
const requirements = join(root, 'emulator', 'requirements.txt');
const stamp = join(venv, '.postroom-requirements');
const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) process.exit(0);

const python = process.env.PYTHON ?? 'python3';
// pip's output is kept for failures only: a working install should be quiet.
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
try {
  if (!existsSync(join(venv, 'bin', 'python'))) run(python, ['-m', 'venv', venv]);
  run(join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements]);
} catch (error) {
  console.error(`postroom: could not install the emulator into ${venv} (needs Python 3 with venv and pip): ${error.message}\n${error.stderr ?? ""}`);
  process.exit(1);
}
writeFileSync(stamp, wanted);
console.log('postroom: emulator installed in .venv');
