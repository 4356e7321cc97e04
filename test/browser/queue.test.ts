import { describe, expect, it } from 'vitest';
import { api, consolePage, expectAccessible, screenshot, uniqueName } from './support/console-page.ts';

describe('the console: a queue', () => {
  const { open } = consolePage();

  it('publishes from the form, shows nacked messages under dead letters, and redrives the selected one, then all, with a click', async () => {
    const name = uniqueName('console-queue');
    const queue = api().queue(name);
    await queue.declare({ maxDeliveries: 5 });
    await queue.publish({ body: { invoice: 7 }, headers: { type: 'invoice' } });
    const page = await open(`#/queues/${name}`);

    await page.getByLabel('Body').fill('{"order": 42}');
    await page.getByLabel('Headers').fill('{"type": "order"}');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/^Published message /).waitFor();
    const received = await queue.receive({ max: 10, waitSeconds: 5 });
    expect(received.map((message) => message.body)).toEqual(expect.arrayContaining([{ order: 42 }, { invoice: 7 }]));
    await queue.nack(received, { requeue: false });
    const order = received.find((message) => message.headers.type === 'order')!;
    const invoice = received.find((message) => message.headers.type === 'invoice')!;

    await page.getByRole('button', { name: 'Refresh' }).click();
    const orderRow = page.getByRole('row', { name: new RegExp(order.messageId) });
    const invoiceRow = page.getByRole('row', { name: new RegExp(invoice.messageId) });
    await orderRow.waitFor();
    expect(await orderRow.innerText()).toMatch(/\trejected\t1\t\d{4}-/);
    await page.getByLabel('Filter dead letters').fill('type=order');
    await invoiceRow.waitFor({ state: 'detached' });
    await expectAccessible(page);
    await screenshot(page, 'queue');

    await orderRow.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Redrive selected (1)' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(`Redrove 1 selected dead letters back to ${name}.`).waitFor();
    // Counted once the page's own peek (which hides the dead letters for a moment) is done.
    await orderRow.waitFor({ state: 'detached' });
    expect((await queue.describe()).messages).toMatchObject({ ready: 1, deadLetters: 1 });

    await page.getByLabel('Filter dead letters').fill('');
    await invoiceRow.waitFor();
    await page.getByRole('button', { name: 'Redrive all' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(`Redrove 1 dead letters back to ${name}.`).waitFor();
    await invoiceRow.waitFor({ state: 'detached' });
    expect((await queue.describe()).messages).toMatchObject({ ready: 2, deadLetters: 0 });
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

  it('purges after a confirmation (by keyboard too), and shows an API error with its code and detail', async () => {
    const name = uniqueName('console-purge');
    const queue = api().queue(name);
    await queue.declare();
    await queue.publish([{ body: 1 }, { body: 2 }]);
    const page = await open(`#/queues/${name}`);

    // By keyboard: Enter asks, the focus moves to Confirm, Escape cancels; Enter on Confirm purges.
    await page.getByRole('button', { name: 'Purge queue' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Confirm');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Purge queue' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await queue.describe()).messages.ready).toBe(2);
    await page.getByRole('button', { name: 'Purge queue' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Confirm');
    await page.keyboard.press('Enter');
    await page.getByText(/^Purged 2 ready/).waitFor();

    await open(`#/queues/${uniqueName('never-declared')}`);
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^404 queue_not_found .+/);
  });
});
