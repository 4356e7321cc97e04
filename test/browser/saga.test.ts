import { describe, expect, it } from 'vitest';
import { api, consolePage, expectAccessible, screenshot, uniqueName } from './support/console-page.ts';

// The example saga `order` (inventory → payment → shipment; inventory and payment compensated),
// whose workers run in the stack and fail a step on request (input `failAt`).

describe('the console: a saga', () => {
  const { open } = consolePage();

  it('starts an execution from JSON and draws a failed one: its compensations in reverse order', async () => {
    const executionId = uniqueName('console-order');
    const page = await open('#/sagas/order');

    await page.getByLabel('Input').fill(JSON.stringify({ orderId: executionId, failAt: 'shipment' }));
    await page.getByLabel('Execution id').fill(executionId);
    await page.getByRole('button', { name: 'Start execution' }).click();

    await page.getByRole('heading', { name: `Execution ${executionId}` }).waitFor();
    const status = page.getByRole('definition').filter({ hasText: /^(RUNNING|COMPENSATED|COMPLETED|FAILED|COMPENSATION_FAILED)$/ });
    await expect.poll(() => status.innerText(), { timeout: 45_000, interval: 1000 }).toBe('COMPENSATED');
    const steps = page.getByRole('figure').getByRole('listitem');
    await expect.poll(async () => (await steps.locator('.step-label').allInnerTexts()).map((label) => label.replace(/, \d+ attempts$/, ''))).toEqual([
      'inventory action succeeded',
      'payment action succeeded',
      'shipment action failed',
      '↶ payment compensation succeeded',
      '↶ inventory compensation succeeded',
    ]);
    expect((await api().saga('order').describe(executionId)).status).toBe('COMPENSATED');

    await page.getByLabel('Filter by status').selectOption('COMPENSATED');
    await page.getByRole('table', { name: 'Executions, newest first' }).getByRole('link', { name: executionId }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'saga');
  });

  it('shows the API error of an input that is not accepted', async () => {
    const page = await open('#/sagas/order');
    await page.getByLabel('Input').fill(JSON.stringify('x'.repeat(300_000)));
    await page.getByRole('button', { name: 'Start execution' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/^413 payload_too_large .+/);
  });
});
