/**
 * Lambda event filtering for the local pollers: an event-source mapping's FilterCriteria hold up to
 * 5 patterns (JSON), and a record reaches the function when any of them matches it. Lambda's filter
 * rule syntax is a subset of EventBridge's event patterns
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filtering-syntax):
 * fields are ANDed, a field's rules ORed; rules are `null`, a literal (`""` for empty), `exists`,
 * `prefix`, `suffix`, `equals-ignore-case`, `anything-but` and `numeric`, and `$or` of patterns. An
 * array value in the record matches when one element does. No maintained npm package evaluates
 * these patterns, and it is Lambda's own behaviour the local runtime emulates, so it is here.
 */

/** One parsed pattern: field names to nested patterns or to a list of rules. */
export type FilterPattern = { readonly [field: string]: FilterPattern | readonly Rule[] | readonly FilterPattern[] };
type Literal = string | number | boolean | null;
type Rule = Literal | { readonly [operator: string]: unknown };

/** Parses FilterCriteria as CloudFormation has it; a pattern Lambda would refuse throws, naming it. */
export function parseFilterCriteria(criteria: unknown): FilterPattern[] {
  const filters = (criteria as { Filters?: Array<{ Pattern?: string }> } | undefined)?.Filters ?? [];
  return filters.map(({ Pattern = '' }) => {
    let pattern: unknown;
    try {
      pattern = JSON.parse(Pattern);
    } catch {
      throw new Error(`FilterCriteria pattern ${Pattern} is not JSON`);
    }
    if (!isObject(pattern)) throw new Error(`FilterCriteria pattern ${Pattern} is not a JSON object`);
    checkPattern(pattern, Pattern);
    return pattern as FilterPattern;
  });
}

/** True when no filter is set or any pattern matches the record (the event's record, as the function would see it). */
export function matchesFilters(patterns: readonly FilterPattern[], record: unknown): boolean {
  return patterns.length === 0 || patterns.some((pattern) => matchesPattern(pattern, record));
}

function matchesPattern(pattern: FilterPattern, value: unknown): boolean {
  return Object.entries(pattern).every(([field, expected]) => {
    if (field === '$or') return (expected as FilterPattern[]).some((alternative) => matchesPattern(alternative, value));
    const actual = isObject(value) ? value[field] : undefined;
    if (Array.isArray(expected)) return (expected as Rule[]).some((rule) => matchesRule(rule, actual));
    return matchesPattern(expected as FilterPattern, actual);
  });
}

function matchesRule(rule: Rule, actual: unknown): boolean {
  if (isObject(rule) && 'exists' in rule) return rule.exists === (actual !== undefined);
  // A list in the record matches when one of its elements does.
  if (Array.isArray(actual)) return actual.some((element) => matchesRule(rule, element));
  if (!isObject(rule)) return actual === rule;
  const [[operator, operand]] = Object.entries(rule) as [[string, unknown]];
  switch (operator) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      return typeof actual === 'string' && matchesString(operator, operand, actual);
    case 'anything-but':
      return actual !== undefined && !matchesAnythingBut(operand, actual);
    case 'numeric':
      return typeof actual === 'number' && matchesNumeric(operand as ReadonlyArray<string | number>, actual);
    default:
      return false;
  }
}

function matchesString(operator: string, operand: unknown, actual: string): boolean {
  // `{prefix: {equals-ignore-case: "x"}}` is a prefix match regardless of case.
  const ignoreCase = isObject(operand);
  const expected = String(ignoreCase ? operand['equals-ignore-case'] : operand);
  const [text, wanted] = ignoreCase || operator === 'equals-ignore-case' ? [actual.toLowerCase(), expected.toLowerCase()] : [actual, expected];
  if (operator === 'prefix') return text.startsWith(wanted);
  if (operator === 'suffix') return text.endsWith(wanted);
  return text === wanted;
}

function matchesAnythingBut(operand: unknown, actual: unknown): boolean {
  if (Array.isArray(operand)) return operand.includes(actual);
  if (isObject(operand)) {
    const [[operator, value]] = Object.entries(operand) as [[string, unknown]];
    return typeof actual === 'string' && matchesString(operator, value, actual);
  }
  return operand === actual;
}

const comparisons: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  '=': (a, b) => a === b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function matchesNumeric(terms: ReadonlyArray<string | number>, actual: number): boolean {
  for (let index = 0; index < terms.length; index += 2) {
    if (!comparisons[terms[index] as string]!(actual, terms[index + 1] as number)) return false;
  }
  return true;
}

const operators = new Set(['exists', 'prefix', 'suffix', 'equals-ignore-case', 'anything-but', 'numeric']);

/** Refuses what CreateEventSourceMapping refuses: unknown operators, malformed numeric ranges, empty rule lists. */
function checkPattern(pattern: Record<string, unknown>, source: string): void {
  const invalid = (why: string) => new Error(`FilterCriteria pattern ${source} is invalid: ${why}`);
  for (const [field, expected] of Object.entries(pattern)) {
    if (field === '$or') {
      if (!Array.isArray(expected) || expected.length < 2 || !expected.every(isObject)) throw invalid('$or takes a list of two or more patterns');
      for (const alternative of expected) checkPattern(alternative, source);
    } else if (Array.isArray(expected)) {
      if (expected.length === 0) throw invalid(`field ${field} has an empty list of rules`);
      for (const rule of expected.filter(isObject)) {
        const names = Object.keys(rule);
        if (names.length !== 1 || !operators.has(names[0]!)) throw invalid(`field ${field} uses ${JSON.stringify(rule)}; Lambda supports ${[...operators].join(', ')}`);
        if ('numeric' in rule && !validNumeric(rule.numeric)) throw invalid(`field ${field}: numeric takes [operator, number] or [>/>=, number, </<=, number]`);
      }
    } else if (isObject(expected)) checkPattern(expected, source);
    else throw invalid(`field ${field} must be a list of rules or a nested pattern`);
  }
}

function validNumeric(terms: unknown): boolean {
  if (!Array.isArray(terms) || (terms.length !== 2 && terms.length !== 4)) return false;
  return terms.every((term, index) => (index % 2 === 0 ? typeof term === 'string' && term in comparisons : typeof term === 'number'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
