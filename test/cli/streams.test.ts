import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { uniqueName } from '../conformance/support/client.ts';
import { postroom, postroomJson, startCli } from './support/postroom-cli.ts';

const records = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `${JSON.stringify({ key: `customer-${from + i}`, value: { n: from + i } })}\n`).join('');

describe('postroom streams', () => {
  it('produces NDJSON records, and tail prints them until SIGINT', async () => {
    const stream = uniqueName('cli-tail');
    await postroomJson(['streams', 'declare', stream, '--partitions', '2']);
    const { produced } = await postroomJson(['streams', 'produce', stream], { input: records(20) });
    expect(produced).toBe(20);

    const tail = startCli(['--json', 'streams', 'tail', stream, '--from', 'earliest']);
    const lines = await tail.waitForLines(20);
    const { code, stderr } = await tail.interrupt();

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const tailed = lines.map((line) => JSON.parse(line) as { partition: number; offset: number; value: { n: number } });
    expect(tailed.map((record) => record.value.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(new Set(tailed.map((record) => `${record.partition}:${record.offset}`)).size).toBe(20);
    await postroom(['streams', 'delete', stream]);
  });

  it('tails as a group member: prints what is produced after it joined, commits it and leaves on SIGINT', async () => {
    const stream = uniqueName('cli-group');
    await postroomJson(['streams', 'declare', stream, '--partitions', '2']);
    await postroomJson(['streams', 'produce', stream], { input: records(3) }); // before the group: not read (latest)
    const tail = startCli(['--json', 'streams', 'tail', stream, '--group', 'billing']);
    // Produce once the member has joined (a new group starts at the end, as Kafka's latest).
    while ((await postroomJson(['streams', 'groups', stream])).groups[0]?.members.length !== 1) await sleep(200);
    await postroomJson(['streams', 'produce', stream], { input: records(5, 100) });

    const lines = await tail.waitForLines(5);
    const { code } = await tail.interrupt();

    expect(code).toBe(0);
    expect(lines.map((line) => JSON.parse(line).value.n).sort()).toEqual([100, 101, 102, 103, 104]);
    const { groups } = await postroomJson(['streams', 'lag', stream, 'billing']);
    expect(groups[0]).toMatchObject({ group: 'billing', lag: 0, members: [] });
    await postroom(['streams', 'delete', stream]);
  });
});
