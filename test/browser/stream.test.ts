import { describe, expect, it } from 'vitest';
import { api, consolePage, expectAccessible, screenshot, uniqueName } from './support/console-page.ts';

describe('the console: a stream', () => {
  const { open } = consolePage();

  it('shows partitions and records filtered by key, and resets a group with a preview of what changes', async () => {
    const name = uniqueName('console-clicks');
    const stream = api().stream(name);
    await stream.declare({ partitions: 2 });
    await stream.produce([
      ...['a', 'b', 'a', 'c'].map((key, index) => ({ key: `user-${key}`, value: { click: index }, headers: { page: index % 2 ? '/cart' : '/' }, partition: 0 })),
      ...[1, 2, 3].map((index) => ({ key: 'user-d', value: { click: index }, partition: 1 })),
    ]);
    const group = stream.group('dashboards');
    await group.commit([
      { partition: 0, offset: 3 },
      { partition: 1, offset: 2 },
    ]);
    const page = await open(`#/streams/${name}`);

    const partitions = page.getByRole('table', { name: 'Partitions' });
    await partitions.getByRole('row').nth(2).waitFor();
    expect(await partitions.getByRole('row').allInnerTexts()).toEqual(['Partition\tLog start\tHigh watermark\tRecords', '0\t0\t4\t4', '1\t0\t3\t3']);

    await page.getByLabel('Key contains').fill('user-a');
    await page.getByRole('button', { name: 'Read records' }).click();
    const records = page.getByRole('table', { name: /^Records of partition 0/ });
    await records.waitFor();
    expect(await records.getByRole('row').count()).toBe(3); // the header and user-a's two records
    await page.getByLabel('Key contains').fill('');
    await page.getByLabel('Header').fill('page=/cart');
    await expect.poll(async () => (await records.getByRole('row').allInnerTexts()).slice(1).map((row) => row.split('\t')[0])).toEqual(['1', '3']);

    const groups = page.getByRole('table', { name: 'Groups' });
    await groups.getByRole('row', { name: /dashboards/ }).waitFor();
    expect(await groups.getByRole('row', { name: /dashboards/ }).innerText()).toContain('0: 3 / 1, 1: 2 / 1');
    await page.getByLabel('Reset to').selectOption('earliest');
    await page.getByRole('button', { name: 'Preview reset' }).click();
    const preview = page.getByRole('table', { name: 'What the reset of dashboards changes' });
    await preview.waitFor();
    expect((await preview.getByRole('row').allInnerTexts()).slice(1)).toEqual(['0\t3\t0\t-3', '1\t2\t0\t-2']);
    await expectAccessible(page);
    await screenshot(page, 'stream');

    await page.getByRole('button', { name: 'Apply reset' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(/^Reset dashboards: /).waitFor();
    expect((await group.describe()).partitions.map((partition) => partition.committedOffset)).toEqual([0, 0]);
  });

  it('reads records from a time and previews a reset of a group to that time', async () => {
    const name = uniqueName('console-times');
    const stream = api().stream(name);
    await stream.declare({ partitions: 2 });
    await stream.produce([0, 1].map((index) => ({ value: { early: index }, partition: 0 })));
    // The time inputs take whole seconds: the later records must be produced in a later second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const later = await stream.produce([2, 3].map((index) => ({ value: { late: index }, partition: 0 })));
    const { records } = await stream.read(0, { offset: later.results[0]!.offset, max: 1 });
    await stream.group('replay').commit([{ partition: 0, offset: 4 }]);
    const page = await open(`#/streams/${name}`);
    // The input takes the browser's local time, to the second.
    const localTime = await page.evaluate((iso) => {
      const at = new Date(iso);
      const pad = (value: number) => String(value).padStart(2, '0');
      return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
    }, records[0]!.timestamp);

    await page.getByLabel('Read from').selectOption('time');
    await page.getByLabel('Time (local)').fill(localTime);
    await page.getByRole('button', { name: 'Read records' }).click();
    const read = page.getByRole('table', { name: /^Records of partition 0/ });
    await expect.poll(async () => (await read.getByRole('row').allInnerTexts()).slice(1).map((row) => row.split('\t')[0])).toEqual(['2', '3']);

    await page.getByLabel('Reset to').selectOption('time');
    await page.getByRole('form', { name: "Reset a group's offsets" }).getByLabel('Time (local)').fill(localTime);
    await page.getByRole('button', { name: 'Preview reset' }).click();
    const preview = page.getByRole('table', { name: 'What the reset of replay changes' });
    await preview.waitFor();
    // Partition 0 goes back to the first record of that second; partition 1, never committed, has none since: its end.
    expect((await preview.getByRole('row').allInnerTexts()).slice(1)).toEqual(['0\t4\t2\t-2', '1\t–\t0\tnew']);
  });
});
