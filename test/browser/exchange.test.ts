import { describe, expect, it } from 'vitest';
import { api, consolePage, expectAccessible, screenshot, uniqueName } from './support/console-page.ts';

describe('the console: an exchange', () => {
  const { open } = consolePage();

  it('adds a binding that routes a published message, draws it, tests a route and removes it', async () => {
    const client = api();
    const exchange = uniqueName('console-events');
    const audit = uniqueName('console-audit');
    const archive = uniqueName('console-archive');
    await client.exchange(exchange).declare('topic');
    await client.exchange(`${exchange}.all`).declare('fanout');
    await Promise.all([client.queue(audit).declare(), client.queue(archive).declare()]);
    await client.exchange(exchange).bind({ destinationExchange: `${exchange}.all`, bindingKey: '#' });
    await client.exchange(`${exchange}.all`).bind({ queue: archive });
    const page = await open(`#/exchanges/${exchange}`);

    await page.getByLabel('Destination name').fill(audit);
    await page.getByLabel('Binding key').fill('order.*');
    await page.getByRole('button', { name: 'Add binding' }).click();
    await page.getByText(`Bound ${audit} with key "order.*".`).waitFor();
    const bindings = page.getByRole('table', { name: 'Bindings from this exchange' });
    await bindings.getByRole('row', { name: new RegExp(audit) }).waitFor();

    const published = await client.exchange(exchange).publish({ body: { id: 7 } }, { routingKey: 'order.created' });
    expect(published.results[0]!.routedTo).toBe(2);
    expect(await client.queue(audit).receive({ max: 1, waitSeconds: 5, ack: 'auto' })).toMatchObject([{ body: { id: 7 } }]);

    // The graph: the exchange, the fanout exchange bound to it, and the queues each reaches.
    const graph = page.getByRole('group', { name: /Routing graph/ });
    for (const node of [exchange, `${exchange}.all`, audit, archive]) await graph.getByRole('link', { name: new RegExp(`${node.replaceAll('.', '\\.')}$`) }).waitFor();

    await page.getByLabel('Routing key').fill('order.paid');
    await page.getByRole('button', { name: 'Test route' }).click();
    const result = page.getByRole('status', { name: 'Route test result' });
    await result.waitFor();
    expect((await result.textContent())!).toContain(`queue ${audit}`);
    expect((await result.textContent())!).toContain(`exchange ${exchange}.all`);
    await expectAccessible(page);
    await screenshot(page, 'exchange');

    await bindings.getByRole('row', { name: new RegExp(audit) }).getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await bindings.getByRole('row', { name: new RegExp(audit) }).waitFor({ state: 'detached' });
    expect((await client.exchange(exchange).bindings()).map((binding) => binding.queue ?? binding.destinationExchange)).toEqual([`${exchange}.all`]);
  });
});
