import { describe, expect, it } from 'vitest';
import { uniqueName } from '../conformance/support/client.ts';
import { api, postroom, postroomJson, startCli } from './support/postroom-cli.ts';

const records = (count: number, from = 0) => Array.from({ length: count }, (_, i) => ({ key: `customer-${from + i}`, value: { n: from + i } }));
const ndjson = (items: readonly unknown[]) => items.map((item) => `${JSON.stringify(item)}\n`).join('');

describe('postroom streams', () => {
  it('produces NDJSON records from stdin, and tail prints them until SIGINT', async () => {
    const name = uniqueName('cli-tail');
    const declared = await postroom(['streams', 'declare', name, '--partitions', '2']);
    expect(declared.stdout).toMatch(/^partitions: +2$/m);
    const { produced } = await postroomJson(['streams', 'produce', name], { input: ndjson(records(20)) });
    expect(produced).toBe(20);

    const tail = startCli(['--json', 'streams', 'tail', name, '--from', 'earliest']);
    const lines = await tail.waitForLines(20);
    const { code, stderr } = await tail.interrupt();

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const tailed = lines.map((line) => JSON.parse(line) as { partition: number; offset: number; value: { n: number } });
    expect(tailed.map((record) => record.value.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(new Set(tailed.map((record) => `${record.partition}:${record.offset}`)).size).toBe(20);
    await api().stream(name).delete();
  });

  it('resets a group, then tails as its member: prints what follows its offsets, commits it and leaves on SIGINT', async () => {
    const stream = api().stream(uniqueName('cli-group'));
    await stream.declare({ partitions: 2 });
    await stream.produce(records(3)); // before the group's offsets: skipped
    const reset = await postroom(['streams', 'reset', stream.name, 'billing', '--to', 'latest']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/^GROUP +PARTITION +COMMITTED +HIGH WATERMARK +LAG$/m);
    await stream.produce(records(5, 100));

    const tail = startCli(['--json', 'streams', 'tail', stream.name, '--group', 'billing']);
    const lines = await tail.waitForLines(5);
    const { code, stderr } = await tail.interrupt();
    const lag = await postroomJson(['streams', 'lag', stream.name, 'billing']);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(lines.map((line) => JSON.parse(line).value.n).sort()).toEqual([100, 101, 102, 103, 104]);
    expect(lag.groups).toEqual([expect.objectContaining({ group: 'billing', lag: 0, members: [] })]);
    await stream.delete();
  });
});
