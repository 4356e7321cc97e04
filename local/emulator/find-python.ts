import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A Python interpreter of the given minor version (e.g. '3.13') on this machine, or undefined: the
 * one `envVariable` names, else `python<version>` on PATH, else one under pyenv
 * (`$PYENV_ROOT/versions/<version>.*`, default ~/.pyenv). Each candidate is asked its version, so a
 * pyenv shim without that version installed does not count. `looked` gets where it looked.
 */
export async function findPython(version: string, envVariable: string, env: NodeJS.ProcessEnv = process.env): Promise<{ python?: string; looked: string[] }> {
  const pyenvVersions = join(env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
  const installed = existsSync(pyenvVersions) ? readdirSync(pyenvVersions).filter((name) => name === version || name.startsWith(`${version}.`)).sort().reverse() : [];
  const candidates = [
    ...(env[envVariable] ? [env[envVariable]] : []),
    `python${version}`,
    ...installed.map((name) => join(pyenvVersions, name, 'bin', `python${version}`)),
  ];
  for (const candidate of candidates) {
    if (await isPython(candidate, version, env)) return { python: candidate, looked: candidates };
  }
  return { looked: [`$${envVariable}`, ...candidates.filter((candidate) => candidate !== env[envVariable]), `${pyenvVersions}/${version}.*`] };
}

async function isPython(command: string, version: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    const { stdout } = await run(command, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { env });
    return stdout.trim() === version;
  } catch {
    return false;
  }
}
