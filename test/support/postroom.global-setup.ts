import type { TestProject } from 'vitest/node';
import { startPostroom } from '../../testing/npm-start.ts';
import { startIamRecording } from './iam/prove-suite.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * The conformance suite is black-box: it talks HTTP to a running Postroom. With POSTROOM_BASE_URL
 * set it uses that stack (LocalStack, AWS); otherwise it runs `npm start` exactly as a user would,
 * on a free port, and stops it (and the emulator it started) afterwards; then every call its
 * functions made is checked against their roles (iam/prove-suite.ts).
 */
export default async function setup(project: TestProject) {
  const given = process.env.POSTROOM_BASE_URL;
  if (given) {
    project.provide('baseUrl', given.replace(/\/$/, ''));
    return;
  }
  // The proof identifies each call by the role session moto's STS issued; on the LocalStack profile
  // STS is LocalStack's, so moto would record nothing and the proof would pass without checking.
  if (process.env.POSTROOM_EMULATOR === 'localstack') {
    console.log('IAM proof: not run on the LocalStack profile (it needs moto\'s STS to attribute calls to roles); `npm test` runs it on moto.');
    const postroom = await startPostroom();
    project.provide('baseUrl', postroom.url);
    return () => postroom.stop();
  }
  const iam = startIamRecording();
  project.provide('iamLog', iam.directory);
  const postroom = await startPostroom({ POSTROOM_IAM_LOG: iam.directory });
  project.provide('baseUrl', postroom.url);
  return async () => {
    await postroom.stop();
    await iam.prove();
  };
}
