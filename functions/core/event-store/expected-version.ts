// KurrentDB's optimistic concurrency, apart from the request's schemas (append-request.ts), so that
// the writer's adapter does not load zod at every cold start of the API.

/** KurrentDB's expected revision: a version (0-based), or a state of the stream. */
export type ExpectedVersion = 'any' | 'no_stream' | 'exists' | number;

/**
 * Whether a stream at `current` (null: it does not exist) meets the expectation: KurrentDB's
 * rules, where `any` always does, `no_stream` only a missing stream, `exists` any existing one and
 * a number exactly that version.
 */
export function meetsExpectation(expected: ExpectedVersion, current: number | null): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === null;
  if (expected === 'exists') return current !== null;
  return current === expected;
}

/**
 * The version after which an expectation puts the events, when it names one: a retry of an append
 * made with it finds its events right after. undefined for `any` and `exists`.
 */
export function positionOf(expected: ExpectedVersion): number | undefined {
  if (expected === 'no_stream') return -1;
  return typeof expected === 'number' ? expected : undefined;
}
