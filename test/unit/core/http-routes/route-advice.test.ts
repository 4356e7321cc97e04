import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../../functions/api/route-table.ts';
import { routeAdvisor } from '../../../../functions/core/http-routes/route-advice.ts';
import { MethodNotAllowedError, RouteNotFoundError } from '../../../../functions/core/problems/index.ts';

const advisor = routeAdvisor(apiRoutes.map((route) => route.routeKey));

describe('allowed methods', () => {
  it("lists the route table's methods for a path its templates match", () => {
    expect(advisor.allowedMethods('/v1/queues/orders/messages')).toEqual(['POST']);
    expect(advisor.allowedMethods('/v1/queues/orders')).toEqual(['PUT', 'GET', 'DELETE']);
    expect(advisor.allowedMethods('/v1/bindings')).toEqual(['POST', 'DELETE']);
  });

  it('lists none for a path no template matches, an empty parameter or a trailing slash included', () => {
    expect(advisor.allowedMethods('/v1/queue/orders')).toEqual([]);
    expect(advisor.allowedMethods('/v1/queues//messages')).toEqual([]);
    expect(advisor.allowedMethods('/v1/queues/')).toEqual([]);
  });

  it('matches parameters URL-decoded, as API Gateway does', () => {
    expect(advisor.allowedMethods('/v1/streams/clicks/groups/a%2Fb')).toEqual(['GET']);
  });
});

describe('nearest route', () => {
  it.each([
    ['GET', '/v1/queue/orders', 'GET /v1/queues/orders'],
    ['GET', '/v1/qeues', 'GET /v1/queues'],
    ['GET', '/queues/orders', 'GET /v1/queues/orders'],
    ['POST', '/queues/orders/messages', 'POST /v1/queues/orders/messages'],
    ['POST', '/v1/queues/orders/message', 'POST /v1/queues/orders/messages'],
    ['GET', '/v1/queues/', 'GET /v1/queues'],
    ['GET', '/v1/stream/clicks/groups', 'GET /v1/streams/clicks/groups'],
    ['POST', '/v1/sagas/order/execution', 'POST /v1/sagas/order/executions'],
  ])('suggests for %s %s: %s', (method, path, suggestion) => {
    expect(advisor.nearestRoute(method, path)).toBe(suggestion);
  });

  it('prefers a route for the request method, and names another method when only that is near', () => {
    expect(advisor.nearestRoute('DELETE', '/v1/queue/orders')).toBe('DELETE /v1/queues/orders');
    expect(advisor.nearestRoute('PATCH', '/v1/health')).toBe('GET /v1/health');
  });

  it('keeps a parameter the request did not give as its template name', () => {
    expect(advisor.nearestRoute('GET', '/v1/streams/clicks/partitions/records')).toBe('GET /v1/streams/clicks/partitions/{partition}/records');
  });

  it('suggests nothing for a path unlike every route', () => {
    expect(advisor.nearestRoute('GET', '/v2/nowhere')).toBeUndefined();
    expect(advisor.nearestRoute('GET', '/v1/foo/bar/baz')).toBeUndefined();
    expect(advisor.nearestRoute('GET', '/')).toBeUndefined();
    expect(advisor.nearestRoute('GET', '/v1/queues/orders/messages/1/2/3')).toBeUndefined();
  });

  it('fills parameters for ANY routes with the request method, and skips $default', () => {
    const withAny = routeAdvisor(['ANY /files/{path}', '$default']);
    expect(withAny.nearestRoute('put', '/file/a.txt')).toBe('PUT /files/a.txt');
    expect(withAny.allowedMethods('/files/a.txt')).toEqual(['ANY']);
  });
});

describe('route problems', () => {
  it('answers a known path with another method with 405, its detail and Allow header naming the methods', () => {
    const problem = new MethodNotAllowedError('GET', '/v1/queues/orders/messages', ['POST']);
    expect(problem).toMatchObject({ status: 405, code: 'method_not_allowed', headers: { allow: 'POST' }, extensions: { allowed: ['POST'] } });
    expect(problem.detail).toBe('/v1/queues/orders/messages does not take GET; it takes POST.');
  });

  it('tells a caller under /v1 the suggestion or where the routes are, and /v1 only to a caller outside it', () => {
    const suggested = new RouteNotFoundError('GET', '/v1/qeues', 'GET /v1/queues');
    const underV1 = new RouteNotFoundError('GET', '/v1/foo', undefined);
    const outside = new RouteNotFoundError('GET', '/v2/foo', undefined);

    expect(suggested.detail).toBe('There is no route for GET /v1/qeues; did you mean GET /v1/queues?');
    expect(suggested.extensions).toEqual({ suggestion: 'GET /v1/queues' });
    expect(underV1.detail).not.toContain('lives under /v1');
    expect(outside.detail).toContain('the API lives under /v1');
  });
});
