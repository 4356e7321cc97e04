import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { api, consolePage, expectAccessible, screenshot, uniqueName } from './support/console-page.ts';

describe('the console: the overview', () => {
  const { open } = consolePage();

  it('lists queues, exchanges, streams and sagas with their counts, sorts and filters them, and follows a link by keyboard', async () => {
    const client = api();
    const prefix = uniqueName('console-overview');
    await client.queue(`${prefix}.busy`).declare();
    await client.queue(`${prefix}.quiet`).declare();
    await client.queue(`${prefix}.busy`).publish([{ body: 1 }, { body: 2 }, { body: 3 }]);
    // Ages are whole seconds: the oldest message is at least 1 s old once the page shows it.
    await sleep(1_000);
    await client.exchange(`${prefix}.events`).declare('topic');
    await client.exchange(`${prefix}.events`).bind({ queue: `${prefix}.busy`, bindingKey: '#' });
    await client.stream(`${prefix}.clicks`).declare({ partitions: 2 });
    await client.stream(`${prefix}.clicks`).produce([{ value: 1, partition: 0 }, { value: 2, partition: 1 }]);
    const page = await open();

    const queues = page.getByRole('table', { name: 'Queues' });
    await page.getByLabel('Filter queues').fill(prefix);
    await expect.poll(() => queues.getByRole('row').allInnerTexts()).toEqual([
      'Name\tReady\tIn flight\tDelayed\tDead letters\tOldest\tOldest dead letter',
      // SQS's age of the oldest message, from CloudWatch (the emulator answers it from the live queue), not zero.
      expect.stringMatching(new RegExp(`^${prefix}\\.busy\\t3\\t0\\t0\\t0\\t[1-9]\\d* (s|min|h|d)\\t–$`)),
      `${prefix}.quiet\t0\t0\t0\t0\t–\t–`,
    ]);
    await queues.getByRole('button', { name: 'Ready' }).click(); // ascending
    await expect.poll(async () => (await queues.getByRole('row').allInnerTexts())[1]).toMatch(/\.quiet\t/);
    expect(await queues.getByRole('columnheader', { name: /Ready/ }).getAttribute('aria-sort')).toBe('ascending');
    await queues.getByRole('button', { name: 'Oldest', exact: true }).click(); // ascending: an empty queue has no age, last
    await expect.poll(async () => (await queues.getByRole('row').allInnerTexts())[1]).toMatch(/\.busy\t/);

    await page.getByLabel('Filter exchanges').fill(prefix);
    await expect.poll(() => page.getByRole('table', { name: 'Exchanges' }).getByRole('row').allInnerTexts()).toEqual(['Name\tType\tBindings', `${prefix}.events\ttopic\t1`]);
    await page.getByLabel('Filter streams').fill(prefix);
    await expect.poll(async () => (await page.getByRole('table', { name: 'Streams' }).getByRole('row').allInnerTexts())[1]).toBe(`${prefix}.clicks\t2\t2\t0\t–`);
    await page.getByRole('table', { name: 'Sagas' }).getByRole('row', { name: /^order \d+ / }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'overview');

    // Keyboard: Tab reaches the queue's link, Enter opens its page.
    const link = queues.getByRole('link', { name: `${prefix}.busy` });
    for (let presses = 0; presses < 40 && !(await link.evaluate((element) => element === document.activeElement)); presses++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Queue ${prefix}.busy` }).waitFor();
  });
});
