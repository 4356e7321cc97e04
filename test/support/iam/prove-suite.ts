import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeProof, proveCalls } from './prove-calls.ts';

/**
 * The IAM proof of a test suite: every AWS call a function makes during the suite is recorded
 * (POSTROOM_IAM_LOG, read by the emulator and the local runtime, and inherited by the test files'
 * processes) and checked against its role's policies when the suite ends. A denied or uncheckable
 * call fails the suite; the grants no call used are printed.
 */
export function startIamRecording(): { readonly directory: string; prove(): Promise<void> } {
  const directory = mkdtempSync(join(tmpdir(), 'postroom-iam-'));
  process.env.POSTROOM_IAM_LOG = directory;
  return {
    directory,
    async prove() {
      try {
        const proof = await proveCalls(directory);
        console.log(describeProof(proof));
        if (proof.denials.length > 0 || proof.errors.length > 0) {
          throw new Error(`IAM proof: ${proof.denials.length} call(s) the functions' roles would deny on AWS and ${proof.errors.length} unchecked (see above)`);
        }
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}
