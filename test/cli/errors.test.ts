import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../conformance/support/client.ts';
import { api, postroom } from './support/postroom-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'postroom-cli-errors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('postroom errors and exit codes', () => {
  it('exits 2 with usage for an unknown command or a bad option value', async () => {
    const unknown = await postroom(['queuez', 'ls']);
    const badValue = await postroom(['queues', 'declare', 'orders', '--max-deliveries', 'five']);

    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/^error: unknown command 'queuez'/);
    expect(badValue).toMatchObject({ code: 2, stdout: '' });
    expect(badValue.stderr).toMatch(/option '--max-deliveries <n>' argument 'five' is invalid\. must be a whole number/);
  });

  it("exits 1 with the problem's code and detail for a 4xx, and the problem document with --json", async () => {
    const queue = uniqueName('cli-missing');
    const human = await postroom(['queues', 'describe', queue]);
    const json = await postroom(['--json', 'queues', 'describe', queue]);

    expect(human).toMatchObject({ code: 1, stdout: '' });
    expect(human.stderr).toMatch(new RegExp(`^error: queue_not_found: .*${queue}.*\\n$`));
    expect(json).toMatchObject({ code: 1, stdout: '' });
    const [line, problem] = json.stderr.trim().split('\n');
    expect(line).toBe(human.stderr.trim());
    expect(JSON.parse(problem!)).toMatchObject({ status: 404, code: 'queue_not_found', title: expect.any(String), detail: expect.any(String) });
  });

  it('says that the endpoint is unreachable', async () => {
    // A port nothing listens on: one that was free a moment ago.
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    server.close();
    const result = await postroom(['--endpoint', `http://127.0.0.1:${port}`, 'queues', 'ls']);

    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe(`error: cannot reach Postroom at http://127.0.0.1:${port} (ECONNREFUSED): is \`npm start\` running?\n`);
  });

  it('names the line of an NDJSON input that is not JSON, and what was published before it', async () => {
    const queue = api().queue(uniqueName('cli-bad-line'));
    await queue.declare();
    const file = join(work, 'bad.ndjson');
    const good = Array.from({ length: 150 }, (_, i) => JSON.stringify({ body: i }));
    writeFileSync(file, [...good, '{"body": oops}', '{"body": 1}'].join('\n'));

    const result = await postroom(['queues', 'publish', queue.name, '--file', file]);

    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(`published 100 messages (input lines 1-100)\nerror: ${file}:151: not valid JSON (Unexpected token 'o', "{"body": oops}" is not valid JSON)\n`);
    expect((await queue.describe()).messages.ready).toBe(100);
    await queue.delete();
  });
});
