import type { LaunchOptions } from 'playwright-core';

/**
 * Headless Debian Chromium (`.ci/run` installs it; CHROMIUM_PATH names another) for the console's
 * tests. The network is closed: no updates, sync or fetches of its own.
 */
export const chromiumOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
