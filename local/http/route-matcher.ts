import { byPrecedence, matchSegments, parseRouteKey, pathSegments, type RouteTemplate } from '../../functions/core/http-routes/path-template.ts';

/**
 * Route selection as API Gateway HTTP APIs do it: the most specific path wins, segment by segment
 * from the left (a literal before a `{param}` before a greedy `{param+}`); among equally specific
 * paths a route for the request's method wins over `ANY`; `$default` catches what nothing else
 * matches, a known path with another method included. Path parameters are URL-decoded, as API
 * Gateway decodes them.
 */

export interface Route<T> {
  /** `$default` or `METHOD /path`, e.g. `GET /items/{id}`, `ANY /files/{proxy+}`. */
  readonly routeKey: string;
  readonly target: T;
}

export interface RouteMatch<T> {
  readonly route: Route<T>;
  readonly pathParameters: Readonly<Record<string, string>>;
}

interface CompiledRoute<T> extends RouteTemplate {
  readonly route: Route<T>;
}

export type RouteMatcher<T> = (method: string, path: string) => RouteMatch<T> | undefined;

export function routeMatcher<T>(routes: readonly Route<T>[]): RouteMatcher<T> {
  const fallback = routes.find((route) => route.routeKey === '$default');
  const compiled = routes
    .filter((route) => route !== fallback)
    .map((route): CompiledRoute<T> => ({ route, ...parseRouteKey(route.routeKey) }))
    .sort(byPrecedence);
  return (method, path) => {
    const requestSegments = pathSegments(path);
    for (const candidate of compiled) {
      if (candidate.method !== 'ANY' && candidate.method !== method.toUpperCase()) continue;
      const pathParameters = matchSegments(candidate.segments, requestSegments);
      if (pathParameters) return { route: candidate.route, pathParameters };
    }
    return fallback && { route: fallback, pathParameters: {} };
  };
}
