import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const projectRoot = join(import.meta.dirname, '..', '..');

/**
 * The conformance suite is black-box: it talks HTTP to a running Postroom. With POSTROOM_BASE_URL
 * set it uses that stack (LocalStack, AWS); otherwise it runs `npm start` exactly as a user would,
 * on a free port, and stops it (and the emulator it started) afterwards.
 */
export default async function setup(project: TestProject) {
  const given = process.env.POSTROOM_BASE_URL;
  if (given) {
    project.provide('baseUrl', given.replace(/\/$/, ''));
    return;
  }
  // Without AWS_ENDPOINT_URL, `npm start` starts its own emulator: the default a user gets.
  const { AWS_ENDPOINT_URL: _ignored, ...env } = process.env;
  const child = spawn('npm', ['start', '--silent'], {
    cwd: projectRoot,
    env: { ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stopping it stops tsx, moto and everything under npm
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL within 150 s:\n${output}`)), 150_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Postroom is running on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with code ${code} before it was ready:\n${output}`));
    });
  });
  project.provide('baseUrl', url.replace(/\/$/, ''));

  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGINT');
    const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
    if (!stopped) process.kill(-child.pid!, 'SIGKILL');
  };
}
