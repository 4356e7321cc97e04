import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The folder holding Postroom's package.json: two levels up in the repo, three in the package's dist/. */
function packageRoot(): string {
  let directory = import.meta.dirname;
  while (!existsSync(join(directory, 'package.json'))) directory = dirname(directory);
  return directory;
}

/** Postroom's package folder (the repo, or node_modules/postroom). */
export const root = packageRoot();
const requirements = join(root, 'emulator', 'requirements.txt');
/** moto's own server, with the patches of emulator/ applied (see the script). */
export const motoLauncher = join(root, 'emulator', 'moto_server.py');

/** Postroom installed as a dependency of another project, rather than its own repo. */
export const installedAsDependency = (): boolean => root.split(sep).includes('node_modules');

/**
 * Where the emulator's virtualenv lives: the repo's own `.venv`, or for an installed package a cache
 * folder per moto version shared by the projects on the machine (`$XDG_CACHE_HOME/postroom/moto-<version>`).
 */
export function emulatorHome(): string {
  if (!installedAsDependency()) return join(root, '.venv');
  const moto = /^moto\[server\]==(\S+)$/m.exec(readFileSync(requirements, 'utf8'))?.[1] ?? 'unpinned';
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'postroom', `moto-${moto}`);
}

/**
 * Makes sure the pinned moto server is installed in `venv` (a virtualenv made with `basePython`,
 * default `$PYTHON` or python3) and returns its python. A stamp of the requirements file makes this
 * a no-op once done; `log` gets a line per step of an install, which takes a minute. The repo's own
 * tests install their Python tools (test/requirements.txt) into the same virtualenv the same way,
 * and the LocalStack profile its lock into a virtualenv of its own (localstack-install.ts).
 */
export async function installEmulator(
  venv: string,
  log: (line: string) => void,
  requirementsFile: string = requirements,
  basePython: string = process.env.PYTHON ?? 'python3',
): Promise<string> {
  const python = join(venv, 'bin', 'python');
  const stamp = join(venv, requirementsFile === requirements ? '.postroom-requirements' : `.postroom-requirements-${createHash('sha256').update(requirementsFile).digest('hex').slice(0, 8)}`);
  const wanted = createHash('sha256').update(readFileSync(requirementsFile)).digest('hex');
  const installed = () => existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted;
  if (installed()) return python;
  // One installer at a time (test workers start emulators together); the others wait for its stamp.
  const lock = `${venv}.lock`;
  mkdirSync(dirname(venv), { recursive: true });
  while (!tryLock(lock)) {
    if (installed()) return python;
    await setTimeout(1000);
  }
  try {
    if (installed()) return python;
    await install(venv, python, basePython, requirementsFile, log);
    writeFileSync(stamp, wanted);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  log(`postroom: ${basename(requirementsFile)} installed in ${venv}`);
  return python;
}

/** Takes the lock folder; one left by an installer that died (older than pip could take) is taken over. */
function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

const STALE_LOCK_MS = 10 * 60_000;

async function install(venv: string, python: string, basePython: string, requirementsFile: string, log: (line: string) => void): Promise<void> {
  try {
    if (!existsSync(python)) {
      log(`postroom: creating a Python virtualenv for the emulator in ${venv}`);
      await run(basePython, ['-m', 'venv', venv]);
    }
    // A lock names every dependency (with its hashes on lines of their own): it is told by its count.
    const pins = readFileSync(requirementsFile, 'utf8').split('\n').filter((line) => /^[A-Za-z0-9]/.test(line));
    const what = pins.length > 3 ? `the ${pins.length} packages locked in ${basename(requirementsFile)}` : pins.join(', ');
    log(`postroom: installing ${what} into it with pip (${pins.length > 3 ? 'several minutes' : 'a minute or so'})`);
    // pip's output is kept for failures only.
    await run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirementsFile], { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { message, stderr } = error as { message: string; stderr?: string };
    throw new Error(`could not install the emulator into ${venv} (it needs Python 3 with venv and pip): ${message}\n${stderr ?? ''}`);
  }
}
