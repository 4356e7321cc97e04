import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The suite's IAM log directory (prove-suite.ts); unset against a deployed stack. */
    iamLog?: string;
  }
}

// Each test file's process provisions stacks (which writes their roles there) and starts runtimes
// and emulators of its own: all of them log where the suite's proof reads. Set per process, not in
// the global setup's, where the projects of one `npm test` would overwrite each other's. None when
// the conformance suite tests a deployed stack.
const iamLog = inject('iamLog');
if (iamLog) process.env.POSTROOM_IAM_LOG = iamLog;
