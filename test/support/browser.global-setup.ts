import type { TestProject } from 'vitest/node';
import { chromium } from 'playwright-core';

declare module 'vitest' {
  export interface ProvidedContext {
    browserEndpoint: string;
  }
}

/** Debian's chromium (`.ci/run` installs it); CHROMIUM_PATH names another. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * One headless Chromium for every console test file: each file connects to it and opens its own
 * pages, so the project starts a browser once. The network is closed: no updates, sync or fetches.
 */
export default async function setup(project: TestProject) {
  const server = await chromium.launchServer({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  project.provide('browserEndpoint', server.wsEndpoint());
  return () => server.close();
}
