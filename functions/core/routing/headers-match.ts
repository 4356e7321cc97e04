import type { MessageHeaders } from '../schemas/message-requests.ts';
import { InvalidBindingError } from '../problems/index.ts';
import type { BindingArguments } from './topology.ts';

export const X_MATCH_MODES = ['all', 'any', 'all-with-x', 'any-with-x'] as const;
export type XMatch = (typeof X_MATCH_MODES)[number];

/** A compiled headers-exchange binding: tells whether a message's headers match it. */
export type HeadersMatcher = (headers: MessageHeaders) => boolean;

/**
 * A binding's `x-match` mode, `all` when absent. Anything else, a non-string included, is refused,
 * as RabbitMQ refuses such a binding when it is made.
 */
export function parseXMatch(args: BindingArguments): XMatch {
  if (!Object.hasOwn(args, 'x-match')) return 'all';
  const mode = args['x-match'];
  if (isXMatch(mode)) return mode;
  throw new InvalidBindingError(
    `x-match must be "all", "any", "all-with-x" or "any-with-x"; got ${JSON.stringify(mode)}.`,
  );
}

function isXMatch(value: unknown): value is XMatch {
  return (X_MATCH_MODES as readonly unknown[]).includes(value);
}

/**
 * Compiles a headers-exchange binding as RabbitMQ matches it. Every argument but `x-match` is a
 * condition; `all` and `any` also skip arguments whose names start with `x-`, the `-with-x` modes
 * keep them. `all` (and `all-with-x`) match when every condition holds, so a binding with no
 * conditions matches every message; `any` (and `any-with-x`) when at least one holds, so with none
 * they match nothing. A condition holds when the header is present and, unless the argument is
 * `null`, has the same type and value (`"1"` is not 1, `"true"` is not true).
 */
export function compileHeadersMatcher(args: BindingArguments): HeadersMatcher {
  const mode = parseXMatch(args);
  const keepsX = mode === 'all-with-x' || mode === 'any-with-x';
  const conditions = Object.entries(args).filter(
    ([name]) => name !== 'x-match' && (keepsX || !name.startsWith('x-')),
  );
  const holds = (headers: MessageHeaders, [name, expected]: [string, unknown]): boolean =>
    Object.hasOwn(headers, name) && (expected === null || headers[name] === expected);
  return mode === 'any' || mode === 'any-with-x'
    ? (headers) => conditions.some((condition) => holds(headers, condition))
    : (headers) => conditions.every((condition) => holds(headers, condition));
}
