import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostroom, type StartedPostroom } from '../../testing/npm-start.ts';

// Supervisors, test harnesses and `docker stop` signal one process, not a terminal's process group.
// A SIGKILL cannot be handled: moto must still end with its parent. A second, different signal
// during the shutdown exits at once: that must leave nothing behind either.
const cases = [
  [['SIGTERM'], 'npm'],
  [['SIGINT'], 'npm'],
  [['SIGHUP'], 'npm'],
  [['SIGKILL'], 'node'],
  [['SIGTERM', 'SIGINT'], 'node'],
] as const;

let started: StartedPostroom[] = [];

// One `npm start` per case, all at once: each takes most of its time synthesizing and provisioning.
beforeAll(async () => {
  started = await Promise.all(cases.map(() => startPostroom()));
}, 240_000);

afterAll(async () => {
  await Promise.all(started.map((postroom) => postroom.stop())); // in case a test failed
});

/** A process's children, from Linux's /proc (every thread's list: children are per thread). */
function children(pid: number): number[] {
  const tasks = `/proc/${pid}/task`;
  if (!existsSync(tasks)) return [];
  return readdirSync(tasks).flatMap((task) => {
    try {
      return readFileSync(`${tasks}/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    } catch {
      return []; // the thread ended meanwhile
    }
  });
}

function descendants(pid: number): number[] {
  return children(pid).flatMap((child) => [child, ...descendants(child)]);
}

/** Running or sleeping; a zombie has ended and only waits for its parent to collect it. */
function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, what: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still ${what()} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function canListen(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('npm start', () => {
  it.concurrent.each(cases.map(([signals, target], index) => ({ signals: signals.join(' then '), target, index })))(
    'stops everything it started on $signals to its $target process',
    async ({ target, index }) => {
      const postroom = started[index]!;
      const npm = postroom.npm.pid!;
      const [node] = children(npm);
      const tree = descendants(npm);
      // npm → node (local/main.ts) → moto; worker threads are threads of node.
      expect(tree.length, `processes under npm: ${tree.join(', ')}`).toBeGreaterThanOrEqual(2);

      for (const signal of cases[index]![0]) process.kill(target === 'npm' ? npm : node!, signal);

      await until(
        () => postroom.npm.exitCode !== null || postroom.npm.signalCode !== null,
        () => `npm ${npm} running`,
      );
      await until(
        () => !tree.some(isRunning),
        () => `running: ${tree.filter(isRunning).join(', ')} of ${tree.join(', ')}`,
      );
      if (cases[index]![0].length > 1) expect(postroom.output()).toContain('during shutdown: exiting now');
      for (const url of [postroom.url, postroom.awsEndpoint]) {
        expect(await canListen(Number(new URL(url).port)), `${url}'s port is free`).toBe(true);
      }
    },
  );
});
