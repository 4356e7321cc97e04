import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { serveConsole, type ConsoleProxy } from '../../cli/console-proxy.ts';
import { startLocalRuntime, type LocalRuntime } from '../../local/index.ts';
import { sigV4Refusals } from '../../local/http/sigv4-verification.ts';
import { chromiumOptions } from '../support/chromium.ts';

// `postroom console`'s proxy in front of the project's app on the local runtime with SigV4
// verification on (POSTROOM_SIGV4_VERIFY in `npm start`), standing in for a deployed stack's
// IAM-authorized API: the browser's unsigned calls must arrive signed, and only /v1 is forwarded.
const key = { accessKeyId: 'AKIDCONSOLEPROXY', secretAccessKey: 'a-secret-only-this-test-knows' };
let runtime: LocalRuntime;
let proxy: ConsoleProxy;
let wrongKeyProxy: ConsoleProxy;

beforeAll(async () => {
  runtime = await startLocalRuntime({ assemblyDir: inject('assemblyDir'), endpoint: inject('awsEndpoint'), port: 0, stacks: ['Postroom'], sigV4Key: key, console: false, log: () => {}, functionOutput: () => {} });
  // As `postroom console --endpoint` runs it, but on free ports and with given keys instead of the credential chain.
  proxy = await serveConsole({ endpoint: runtime.url, port: 0, signing: { credentials: key } });
  wrongKeyProxy = await serveConsole({ endpoint: runtime.url, port: 0, signing: { credentials: { ...key, secretAccessKey: 'wrong' } } });
});

afterAll(async () => {
  await Promise.all([proxy?.close(), wrongKeyProxy?.close()]);
  await runtime?.stop();
});

const origin = () => new URL(proxy.url).origin;

describe('postroom console: the signing proxy', () => {
  it('serves the console, and redirects / to it', async () => {
    const page = await fetch(`${proxy.url}/`);
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(await page.text()).toContain('<script type="module" src="/console/console.js">');
    expect((await fetch(`${proxy.url}/console.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const root = await fetch(`${origin()}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/console/']);
  });

  it("forwards the console's unsigned calls signed: a GET, a PUT with a body, a POST with an Idempotency-Key, a DELETE with a query", async () => {
    const name = `console-proxy-${Date.now().toString(36)}`;
    expect((await fetch(`${runtime.url}/v1/queues`)).status).toBe(403); // the API itself refuses what is unsigned

    const declared = await fetch(`${origin()}/v1/queues/${name}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ maxDeliveries: 3 }) });
    expect(declared.status).toBe(201);
    const published = await fetch(`${origin()}/v1/queues/${name}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `key-${name}` },
      body: JSON.stringify({ body: { via: 'proxy' } }),
    });
    expect(published.status).toBe(202);
    const listed = await fetch(`${origin()}/v1/queues`);
    expect([listed.status, listed.headers.get('content-type')]).toEqual([200, 'application/json']);
    expect(((await listed.json()) as { queues: { name: string }[] }).queues.map((queue) => queue.name)).toContain(name);
    const deleted = await fetch(`${origin()}/v1/queues/${name}/dead-letters?messageId=a&messageId=b`, { method: 'DELETE' });
    expect(await deleted.json()).toEqual({ deleted: [], notFound: ['a', 'b'] });
  });

  it("passes the API's answers through as they are: a problem, and IAM's refusal of a wrong key", async () => {
    const missing = await fetch(`${origin()}/v1/queues/never-declared-here`);
    expect([missing.status, missing.headers.get('content-type')]).toEqual([404, 'application/problem+json']);
    expect(await missing.json()).toMatchObject({ code: 'queue_not_found' });

    const refused = await fetch(`${new URL(wrongKeyProxy.url).origin}/v1/queues`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ message: sigV4Refusals.mismatch });
  });

  it('is the console a browser uses: its pages load through it, signed', async () => {
    const browser = await chromium.launch(chromiumOptions);
    try {
      const page = await browser.newPage();
      await page.goto(`${proxy.url}/`);
      // The overview's tables show once its API calls have answered: the example sagas are the app's.
      await page.getByRole('table', { name: 'Sagas' }).getByRole('link', { name: 'order', exact: true }).waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it('forwards nothing but the API: any other path is a 404 of its own', async () => {
    expect((await fetch(`${origin()}/admin`)).status).toBe(404);
  });
});
