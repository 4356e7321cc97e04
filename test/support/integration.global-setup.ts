import type { TestProject } from 'vitest/node';
import { startMotoServer } from '../../local/emulator/moto-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    awsEndpoint: string;
  }
}

/** One moto server for the integration project; test files isolate by unique resource names. */
export default async function setup(project: TestProject) {
  const moto = await startMotoServer();
  project.provide('awsEndpoint', moto.endpoint);
  return () => moto.stop();
}
