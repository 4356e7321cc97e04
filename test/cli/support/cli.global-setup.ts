import type { TestProject } from 'vitest/node';
import { startPostroom } from '../../../testing/npm-start.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    awsEndpoint: string;
  }
}

/**
 * The CLI tests drive the `postroom` bin against an `npm start` of their own, as a user would; its
 * emulator endpoint lets a test deploy what the CLI looks up in CloudFormation (`--stack`).
 */
export default async function setup(project: TestProject) {
  const postroom = await startPostroom();
  project.provide('baseUrl', postroom.url);
  project.provide('awsEndpoint', postroom.awsEndpoint);
  return () => postroom.stop();
}
