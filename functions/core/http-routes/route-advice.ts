import { literal, matchSegments, parseRouteKey, pathSegments, type RouteTemplate, type Segment } from './path-template.ts';

/**
 * Advice for a request that no route took (API Gateway sent it to `$default`): the methods its
 * path does have, or else the route it most likely meant. Pure, computed from the route keys.
 */
export interface RouteAdvisor {
  /** The methods of the routes whose template matches `path`, in route-table order; empty when none does. */
  allowedMethods(path: string): string[];
  /** The nearest route as `METHOD /path` with the request's own values in its parameters, if one is near enough. */
  nearestRoute(method: string, path: string): string | undefined;
}

/** A typo in a literal segment costs its share of changed characters, up to this share... */
const MAX_TYPO_SHARE = 0.5;
/** ...beyond which the segment counts as another word: more than a missing or an extra segment. */
const OTHER_WORD_COST = 1.5;
/** A missing or an extra segment, e.g. a missing `/v1`. */
const SEGMENT_COST = 1;
/** An extra empty segment: a trailing or doubled '/'. */
const EMPTY_SEGMENT_COST = 0.25;
/** A value in a parameter: a little more than a literal it equals, as API Gateway prefers literals. */
const PARAMETER_COST = 0.01;
/** Another method than the request's: a route for its own method is preferred at equal distance. */
const OTHER_METHOD_COST = 0.25;
/** Suggest a route only within one missing or extra segment (plus another method), or a few typos. */
const MAX_SUGGESTION_COST = SEGMENT_COST + OTHER_METHOD_COST;

export function routeAdvisor(routeKeys: readonly string[]): RouteAdvisor {
  const templates = routeKeys.filter((key) => !key.startsWith('$')).map(parseRouteKey);
  return {
    allowedMethods(path) {
      const request = pathSegments(path);
      return [...new Set(templates.filter((template) => matchSegments(template.segments, request)).map((template) => template.method))];
    },
    nearestRoute(method, path) {
      const request = pathSegments(path);
      const raw = path.split('/');
      let best: { cost: number; route: string } | undefined;
      for (const template of templates) {
        const distance = pathDistance(request, template.segments);
        const cost = distance.cost + (template.method === 'ANY' || template.method === method.toUpperCase() ? 0 : OTHER_METHOD_COST);
        if (cost <= MAX_SUGGESTION_COST && (best === undefined || cost < best.cost)) {
          best = { cost, route: `${template.method === 'ANY' ? method.toUpperCase() : template.method} ${fill(template, distance.pairs, raw)}` };
        }
      }
      return best?.route;
    },
  };
}

/** The template's path with each parameter given the request segment aligned with it, if any. */
function fill(template: RouteTemplate, pairs: ReadonlyMap<number, number>, raw: readonly string[]): string {
  return template.segments
    .map((segment, index) => {
      if (segment.kind === literal) return segment.text;
      const value = raw[pairs.get(index) ?? -1];
      return value ? value : `{${segment.name}}`;
    })
    .join('/');
}

/** How far request segments are from a template's, segment-wise, and which request segment each template segment aligned with. */
function pathDistance(request: readonly string[], segments: readonly Segment[]): Alignment {
  return align(request, segments, {
    substitute: (value, segment) => (segment.kind === literal ? wordDistance(value, segment.text) : value ? PARAMETER_COST : SEGMENT_COST),
    remove: (value) => (value ? SEGMENT_COST : EMPTY_SEGMENT_COST),
    insert: () => SEGMENT_COST,
  });
}

function wordDistance(value: string, word: string): number {
  if (value === word) return 0;
  const share = align([...value], [...word], { substitute: (a, b) => (a === b ? 0 : 1), remove: () => 1, insert: () => 1 }).cost / Math.max(value.length, word.length);
  return share <= MAX_TYPO_SHARE ? share : OTHER_WORD_COST;
}

interface Alignment {
  readonly cost: number;
  /** Index in `b` → index in `a` of the pairs the cheapest alignment substitutes. */
  readonly pairs: ReadonlyMap<number, number>;
}

interface AlignmentCosts<A, B> {
  substitute(a: A, b: B): number;
  remove(a: A): number;
  insert(b: B): number;
}

/** Edit distance (Wagner–Fischer) between two sequences with the given costs, with its alignment. */
function align<A, B>(a: readonly A[], b: readonly B[], costs: AlignmentCosts<A, B>): Alignment {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) table[i]![0] = table[i - 1]![0]! + costs.remove(a[i - 1]!);
  for (let j = 1; j <= b.length; j++) table[0]![j] = table[0]![j - 1]! + costs.insert(b[j - 1]!);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i]![j] = Math.min(
        table[i - 1]![j - 1]! + costs.substitute(a[i - 1]!, b[j - 1]!),
        table[i - 1]![j]! + costs.remove(a[i - 1]!),
        table[i]![j - 1]! + costs.insert(b[j - 1]!),
      );
    }
  }
  const pairs = new Map<number, number>();
  for (let i = a.length, j = b.length; i > 0 && j > 0; ) {
    if (table[i]![j] === table[i - 1]![j - 1]! + costs.substitute(a[i - 1]!, b[j - 1]!)) pairs.set(--j, --i);
    else if (table[i]![j] === table[i - 1]![j]! + costs.remove(a[i - 1]!)) i--;
    else j--;
  }
  return { cost: table[a.length]![b.length]!, pairs };
}
