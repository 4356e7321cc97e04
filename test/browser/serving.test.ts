import { describe, expect, inject, it } from 'vitest';

describe('npm start serves the console beside the API', () => {
  it('at /console, while any path it does not know stays the API’s problem+json 404', async () => {
    const page = await fetch(`${inject('baseUrl')}/console`);
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(await page.text()).toContain('<div id="app"></div>');

    for (const path of ['/console/no-such-file.js', '/v1/no-such-route']) {
      const missing = await fetch(`${inject('baseUrl')}${path}`);
      expect([missing.status, missing.headers.get('content-type')], path).toEqual([404, 'application/problem+json']);
    }
  });
});
