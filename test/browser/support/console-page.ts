import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { PostroomClient } from '../../../client/index.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** The typed client against the same npm start the console is served by, to set up and check. */
export const api = (): PostroomClient => new PostroomClient({ endpoint: inject('baseUrl') });

/** A name no other test (or earlier run against the same emulator) uses. */
export const uniqueName = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

/**
 * The shared Chromium (browser.global-setup.ts) for this file, and one page reused by its tests:
 * `open` takes it to a console route (`#/queues/orders`).
 */
export function consolePage(): { open: (hash?: string) => Promise<Page> } {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await chromium.connect(inject('browserEndpoint'));
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async open(hash = '#/') {
      await page.goto(`${inject('baseUrl')}/console/${hash}`);
      await page.locator('h1').waitFor();
      return page;
    },
  };
}

/** axe-core's serious and critical violations on the page as it is now (none expected). */
export async function expectAccessible(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: unknown[] }> }> } }).axe.run();
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.length }));
  });
  expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
}

/**
 * A screenshot of the page: README's (docs/console/<name>.png) with POSTROOM_SCREENSHOTS=docs, so that
 * an ordinary test run leaves the checkout clean; .postroom/screenshots/<name>.png otherwise.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const directory = process.env.POSTROOM_SCREENSHOTS === 'docs' ? join(root, 'docs', 'console') : join(root, '.postroom', 'screenshots');
  await page.screenshot({ path: join(directory, `${name}.png`), fullPage: true });
}
