import { describe, expect, it } from 'vitest';
import { api, consolePage, expectAccessible, screenshot, uniqueName } from './support/console-page.ts';

describe('the console: a queue', () => {
  const { open } = consolePage();

  it('publishes from the form, shows a nacked message under dead letters and redrives it back with a click', async () => {
    const name = uniqueName('console-queue');
    const queue = api().queue(name);
    await queue.declare({ maxDeliveries: 5 });
    const page = await open(`#/queues/${name}`);

    await page.getByLabel('Body').fill('{"order": 42}');
    await page.getByLabel('Headers').fill('{"type": "order"}');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/^Published message /).waitFor();
    const [received] = await queue.receive({ max: 1, waitSeconds: 5 });
    expect(received).toMatchObject({ body: { order: 42 }, headers: { type: 'order' } });
    await queue.nack(received!, { requeue: false });

    const row = page.getByRole('row', { name: new RegExp(received!.messageId) });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await row.waitFor();
    expect(await row.textContent()).toContain('rejected');
    await page.getByLabel('Filter dead letters').fill('type=invoice');
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('Filter dead letters').fill('type=order');
    await row.waitFor();
    await expectAccessible(page);
    await screenshot(page, 'queue');

    await page.getByRole('button', { name: 'Redrive all' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(`Redrove 1 dead letters back to ${name}.`).waitFor();

    const counts = (await queue.describe()).messages;
    expect([counts.ready, counts.deadLetters]).toEqual([1, 0]);
    await row.waitFor({ state: 'detached' });
  });

  it('looks at messages without losing them: receive with a short visibility, nacked back', async () => {
    const name = uniqueName('console-peek');
    const queue = api().queue(name);
    await queue.declare();
    await queue.publish({ body: 'still here' });
    const page = await open(`#/queues/${name}`);

    await page.getByRole('button', { name: 'Receive and nack back' }).click();

    await page.getByRole('table', { name: 'Received messages' }).getByText('"still here"').waitFor();
    const [again] = await queue.receive({ max: 1, waitSeconds: 5 });
    expect(again).toMatchObject({ body: 'still here', deliveryCount: 2 });
  });

  it('purges after a confirmation, and shows an API error with its code and detail', async () => {
    const name = uniqueName('console-purge');
    const queue = api().queue(name);
    await queue.declare();
    await queue.publish([{ body: 1 }, { body: 2 }]);
    const page = await open(`#/queues/${name}`);

    await page.getByRole('button', { name: 'Purge queue' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await queue.describe()).messages.ready).toBe(2);
    await page.getByRole('button', { name: 'Purge queue' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(/^Purged 2 ready/).waitFor();

    await open(`#/queues/${uniqueName('never-declared')}`);
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^404 queue_not_found .+/);
  });
});
