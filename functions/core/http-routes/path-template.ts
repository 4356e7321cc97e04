/**
 * Route keys of an API Gateway HTTP API (`GET /items/{id}`, `ANY /files/{proxy+}`) and how a
 * request path matches their path templates: a literal segment matches itself, `{param}` one
 * non-empty segment, a greedy `{param+}` the non-empty rest. Pure, for the local gateway's route
 * selection and the API's answers to requests no route took.
 */

/** Segment kinds, numbered in API Gateway's order of precedence. */
export const literal = 0;
export const parameter = 1;
export const greedy = 2;

export type Segment =
  | { readonly kind: typeof literal; readonly text: string }
  | { readonly kind: typeof parameter | typeof greedy; readonly name: string };

export interface RouteTemplate {
  /** Upper case; `ANY` for every method. */
  readonly method: string;
  /** The path's segments, the empty one before its leading '/' included. */
  readonly segments: readonly Segment[];
}

/** @throws Error for a key that is not `METHOD /path` (`$default` included: it has no template) */
export function parseRouteKey(routeKey: string): RouteTemplate {
  const [method, path] = routeKey.split(' ');
  if (!method || !path?.startsWith('/')) throw new Error(`malformed route key "${routeKey}"`);
  const segments = path.split('/').map((text): Segment => {
    const variable = /^\{([^{}]+?)(\+?)\}$/.exec(text);
    if (!variable) return { kind: literal, text };
    return { kind: variable[2] ? greedy : parameter, name: variable[1]! };
  });
  return { method: method.toUpperCase(), segments };
}

/** A request path's segments, URL-decoded as API Gateway decodes path parameters. */
export const pathSegments = (path: string): string[] => path.split('/').map(decodeSegment);

/** The path parameters when `request` (see pathSegments) matches the template's segments, else undefined. */
export function matchSegments(segments: readonly Segment[], request: readonly string[]): Record<string, string> | undefined {
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

/** Orders templates most specific first, segment by segment from the left; `ANY` after a method. */
export function byPrecedence(a: RouteTemplate, b: RouteTemplate): number {
  for (let index = 0; index < Math.min(a.segments.length, b.segments.length); index++) {
    const difference = a.segments[index]!.kind - b.segments[index]!.kind;
    if (difference !== 0) return difference;
  }
  return Number(a.method === 'ANY') - Number(b.method === 'ANY');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed escapes are matched as sent
  }
}
