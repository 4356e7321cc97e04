import type { TestProject } from 'vitest/node';
import { chromium } from 'playwright-core';
import { chromiumOptions } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    browserEndpoint: string;
  }
}

/**
 * One headless Chromium for every console test file: each file connects to it and opens its own
 * pages, so the project starts a browser once.
 */
export default async function setup(project: TestProject) {
  const server = await chromium.launchServer(chromiumOptions);
  project.provide('browserEndpoint', server.wsEndpoint());
  return () => server.close();
}
