import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeProof, proveCalls } from './prove-calls.ts';

/**
 * The IAM proof of a test suite: every AWS call a function makes during the suite is recorded in
 * `directory` (POSTROOM_IAM_LOG: pass it to the emulator and to `npm start`, and to the test files
 * through iam-log.setup.ts) and checked against its role's policies when the suite ends. A denied
 * or uncheckable call fails the suite; the grants no call used are printed.
 */
export function startIamRecording(): { readonly directory: string; prove(): Promise<void> } {
  const directory = mkdtempSync(join(tmpdir(), 'postroom-iam-'));
  return {
    directory,
    async prove() {
      try {
        const started = performance.now();
        const proof = await proveCalls(directory);
        console.log(`${describeProof(proof)}\n(IAM proof: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
        if (proof.denials.length > 0 || proof.errors.length > 0) {
          throw new Error(`IAM proof: ${proof.denials.length} call(s) the functions' roles would deny on AWS and ${proof.errors.length} unchecked (see above)`);
        }
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}
