import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';

/**
 * Runs `work` while no other test file runs work of the same name against the same Postroom. For
 * scenarios that consume a shared queue whose messages they cannot tell apart by themselves (the
 * README's saga walkthrough and the `trip` saga's tests both receive from `trip.<step>`). The lock
 * is a directory (mkdir is atomic) named after the base URL: `npm start` takes a free port per run, so
 * a lock left by a killed run only stops a later run that happens to get the same port.
 */
export async function exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
  const lock = join(tmpdir(), `postroom-${createHash('sha256').update(inject('baseUrl')).digest('hex').slice(0, 16)}-${name}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
