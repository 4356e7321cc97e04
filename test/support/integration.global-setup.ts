import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMotoServer } from '../../local/emulator/moto-server.ts';
import { synthesize } from '../../local/index.ts';
import { startIamRecording } from './iam/prove-suite.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    awsEndpoint: string;
    /** The project's CDK app, synthesized: tests provision their resources from it. */
    assemblyDir: string;
  }
}

/**
 * One moto server and one synthesis for the integration project; test files isolate by unique
 * names. The assembly goes to a directory of its own, since the CDK CLI refuses two syntheses into one.
 * When the suite ends, every call the functions made is checked against their roles (iam/prove-suite.ts).
 */
export default async function setup(project: TestProject) {
  const iam = startIamRecording();
  const assemblyDir = mkdtempSync(join(tmpdir(), 'postroom-test-cdk-'));
  const [moto] = await Promise.all([startMotoServer({ env: { POSTROOM_IAM_LOG: iam.directory } }), synthesize({ outDir: assemblyDir })]);
  project.provide('awsEndpoint', moto.endpoint);
  project.provide('assemblyDir', assemblyDir);
  project.provide('iamLog', iam.directory);
  return async () => {
    await moto.stop();
    rmSync(assemblyDir, { recursive: true, force: true });
    await iam.prove();
  };
}
