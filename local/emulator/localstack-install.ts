import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findPython } from './find-python.ts';
import { installEmulator, installedAsDependency, root } from './emulator-install.ts';

/** The exact lock of localstack-core and every dependency (with hashes); see its header. */
export const localStackLock = join(root, 'emulator', 'localstack-requirements.txt');
/** LocalStack's core started as its own entry point, ended with this process (see the script). */
export const localStackLauncher = join(root, 'emulator', 'localstack_server.py');
/** It imports only on 3.13 (3.11: PEP 695 generics; 3.12: `warnings.deprecated`). */
const PYTHON_VERSION = '3.13';
/** Names the Python 3.13 to build LocalStack's virtualenv with, when it is neither on PATH nor under pyenv. */
export const PYTHON_VARIABLE = 'POSTROOM_PYTHON313';

/**
 * The LocalStack profile's virtualenv: the repo's `.venv-localstack`, or for an installed package a
 * cache folder per localstack-core version (`$XDG_CACHE_HOME/postroom/localstack-core-<version>`).
 */
export function localStackHome(): string {
  if (!installedAsDependency()) return join(root, '.venv-localstack');
  const version = /^localstack-core(?:\[[^\]]*\])?==(\S+)/m.exec(readFileSync(localStackLock, 'utf8'))?.[1] ?? 'unpinned';
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'postroom', `localstack-core-${version}`);
}

/** Thrown when the machine has no Python 3.13: the message says where it looked and what to do. */
export class NoPythonForLocalStack extends Error {}

/**
 * Makes sure LocalStack's core is installed from the lock (several minutes the first time, a no-op
 * after) and returns its python; throws NoPythonForLocalStack when no Python 3.13 can build it.
 */
export async function installLocalStack(log: (line: string) => void): Promise<string> {
  const venv = localStackHome();
  // A virtualenv made already has its Python: only a first install looks for one.
  if (existsSync(join(venv, 'bin', 'python'))) return installEmulator(venv, log, localStackLock);
  const { python, looked } = await findPython(PYTHON_VERSION, PYTHON_VARIABLE);
  if (!python) {
    throw new NoPythonForLocalStack(
      `the LocalStack profile needs Python ${PYTHON_VERSION} (LocalStack's core imports on no other), and none was found ` +
        `(looked at ${looked.join(', ')}). Install one (e.g. \`pyenv install ${PYTHON_VERSION}\`) or name it in ${PYTHON_VARIABLE}; ` +
        'the default emulator (moto) needs none of this.',
    );
  }
  return installEmulator(venv, log, localStackLock, python);
}
