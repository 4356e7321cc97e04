import { describe, expect, it } from 'vitest';
import { call, expectProblem } from './support/client.ts';

describe('health and routing', () => {
  it('answers health checks', async () => {
    const response = await call('GET', '/v1/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('answers an unknown route with a problem, not a bare 404', async () => {
    expectProblem(await call('GET', '/v1/nothing-here'), 404, 'route_not_found');
  });
});
