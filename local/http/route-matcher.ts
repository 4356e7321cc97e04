/**
 * Route selection as API Gateway HTTP APIs do it: the most specific path wins, segment by segment
 * from the left (a literal before a `{param}` before a greedy `{param+}`); among equally specific
 * paths a route for the request's method wins over `ANY`; `$default` catches what nothing else
 * matches. Path parameters are URL-decoded, as API Gateway decodes them.
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

/** Segment kinds, numbered in order of precedence. */
const literal = 0;
const parameter = 1;
const greedy = 2;

type Segment = { readonly kind: typeof literal; readonly text: string } | { readonly kind: typeof parameter | typeof greedy; readonly name: string };

interface CompiledRoute<T> {
  readonly route: Route<T>;
  readonly method: string;
  readonly segments: readonly Segment[];
}

export type RouteMatcher<T> = (method: string, path: string) => RouteMatch<T> | undefined;

export function routeMatcher<T>(routes: readonly Route<T>[]): RouteMatcher<T> {
  const fallback = routes.find((route) => route.routeKey === '$default');
  const compiled = routes
    .filter((route) => route !== fallback)
    .map(compile)
    .sort(byPrecedence);
  return (method, path) => {
    const requestSegments = path.split('/').map(decodeSegment);
    for (const candidate of compiled) {
      if (candidate.method !== 'ANY' && candidate.method !== method.toUpperCase()) continue;
      const pathParameters = matchSegments(candidate.segments, requestSegments);
      if (pathParameters) return { route: candidate.route, pathParameters };
    }
    return fallback && { route: fallback, pathParameters: {} };
  };
}

function compile<T>(route: Route<T>): CompiledRoute<T> {
  const [method, path] = route.routeKey.split(' ');
  if (!method || !path?.startsWith('/')) throw new Error(`malformed route key "${route.routeKey}"`);
  const segments = path.split('/').map((text): Segment => {
    const variable = /^\{([^{}]+?)(\+?)\}$/.exec(text);
    if (!variable) return { kind: literal, text };
    return { kind: variable[2] ? greedy : parameter, name: variable[1]! };
  });
  return { route, method: method.toUpperCase(), segments };
}

function byPrecedence<T>(a: CompiledRoute<T>, b: CompiledRoute<T>): number {
  for (let index = 0; index < Math.min(a.segments.length, b.segments.length); index++) {
    const difference = a.segments[index]!.kind - b.segments[index]!.kind;
    if (difference !== 0) return difference;
  }
  return Number(a.method === 'ANY') - Number(b.method === 'ANY');
}

function matchSegments(segments: readonly Segment[], request: readonly string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    if (segment.kind === greedy) {
      const rest = request.slice(index).join('/');
      if (!rest) return undefined;
      parameters[segment.name] = rest;
      return parameters;
    }
    const value = request[index];
    if (value === undefined) return undefined;
    if (segment.kind === literal ? value !== segment.text : !value) return undefined;
    if (segment.kind === parameter) parameters[segment.name] = value;
  }
  return segments.length === request.length ? parameters : undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed escapes are matched as sent
  }
}
