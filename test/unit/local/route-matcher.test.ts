import { describe, expect, it } from 'vitest';
import { routeMatcher } from '../../../local/http/route-matcher.ts';

const routes = [
  '$default',
  'ANY /{proxy+}',
  'GET /pets/{proxy+}',
  'GET /pets/{id}',
  'GET /pets/dog/1',
  'ANY /pets/dog/{id}',
  'GET /pets/dog/{id}',
  'POST /pets',
  'GET /a/{x}/c',
  'GET /{y}/b/c',
].map((routeKey) => ({ routeKey, target: routeKey }));

const match = routeMatcher(routes);
const routeFor = (method: string, path: string) => match(method, path)?.route.routeKey;

describe('routeMatcher', () => {
  it('prefers an exact path over path parameters over a greedy parameter', () => {
    expect(routeFor('GET', '/pets/dog/1')).toBe('GET /pets/dog/1');
    expect(routeFor('GET', '/pets/dog/2')).toBe('GET /pets/dog/{id}');
    expect(routeFor('GET', '/pets/cat')).toBe('GET /pets/{id}');
    expect(routeFor('GET', '/pets/cat/1')).toBe('GET /pets/{proxy+}');
  });

  it('prefers a route for the method over ANY, and falls back to ANY for other methods', () => {
    expect(routeFor('DELETE', '/pets/dog/2')).toBe('ANY /pets/dog/{id}');
    expect(routeFor('POST', '/pets/cat/1')).toBe('ANY /{proxy+}');
    expect(routeFor('post', '/pets')).toBe('POST /pets');
  });

  it('decides between parameters by the leftmost more specific segment', () => {
    expect(routeFor('GET', '/a/b/c')).toBe('GET /a/{x}/c');
    expect(routeFor('GET', '/z/b/c')).toBe('GET /{y}/b/c');
  });

  it('extracts decoded path parameters, the greedy one spanning segments', () => {
    expect(match('GET', '/pets/dog/a%20b')?.pathParameters).toEqual({ id: 'a b' });
    expect(match('GET', '/pets/x/y/z')?.pathParameters).toEqual({ proxy: 'x/y/z' });
  });

  it('uses $default for what no route matches, and nothing without $default', () => {
    expect(match('GET', '/')).toEqual({ route: routes[0], pathParameters: {} });
    const withoutDefault = routeMatcher([{ routeKey: 'GET /pets', target: 1 }]);
    expect(withoutDefault('GET', '/pets/1')).toBeUndefined();
    expect(withoutDefault('POST', '/pets')).toBeUndefined();
    expect(withoutDefault('GET', '/pets')?.route.target).toBe(1);
  });

  it('does not let a parameter or a greedy parameter match an empty segment', () => {
    const matcher = routeMatcher([{ routeKey: 'GET /pets/{id}', target: 1 }, { routeKey: 'GET /files/{path+}', target: 2 }]);
    expect(matcher('GET', '/pets/')).toBeUndefined();
    expect(matcher('GET', '/files')).toBeUndefined();
    expect(matcher('GET', '/files/')).toBeUndefined();
  });
});
