import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMotoServer } from '../../local/emulator/moto-server.ts';
import { synthesize } from '../../local/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    awsEndpoint: string;
    /** The project's CDK app, synthesized: tests provision their resources from it. */
    assemblyDir: string;
  }
}

const assemblyDir = join(import.meta.dirname, '..', '..', '.postroom', 'test-cdk.out');

/** One moto server and one synthesis for the integration project; test files isolate by unique names. */
export default async function setup(project: TestProject) {
  const [moto] = await Promise.all([startMotoServer(), synthesize({ outDir: assemblyDir })]);
  project.provide('awsEndpoint', moto.endpoint);
  project.provide('assemblyDir', assemblyDir);
  return () => moto.stop();
}
