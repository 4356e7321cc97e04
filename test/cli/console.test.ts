import { describe, expect, inject, it } from 'vitest';
import { api, startCli } from './support/postroom-cli.ts';

describe('postroom console', () => {
  it('serves the console for --endpoint and forwards its API calls until SIGINT, then exits 0', async () => {
    const name = `cli-console-${Date.now().toString(36)}`;
    await api().queue(name).declare();
    const running = startCli(['--endpoint', inject('baseUrl'), 'console', '--port', '0']);

    const [line] = await running.waitForLines(1);
    const url = /on (http:\/\/127\.0\.0\.1:\d+\/console) /.exec(line!)?.[1];
    expect(line, line).toMatch(/^Console for http:\/\/127\.0\.0\.1:\d+ on http:\/\/127\.0\.0\.1:\d+\/console \(Ctrl-C stops it\)$/);
    expect(await (await fetch(`${url}/`)).text()).toContain('/console/console.js');
    const queue = await fetch(new URL(`/v1/queues/${name}`, url));
    expect([queue.status, ((await queue.json()) as { name: string }).name]).toEqual([200, name]);

    expect((await running.interrupt()).code).toBe(0);
  });
});
