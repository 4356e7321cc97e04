import { InvalidGroupNameError, InvalidStreamNameError } from '../problems/index.ts';

// Kafka's topic rule: legal characters, at most 249 of them, and neither "." nor ".." alone.
export const streamNamePattern = /^[A-Za-z0-9._-]{1,249}$/;
// Kafka puts no rule on group ids; these stay usable in paths and keys without escaping.
export const groupNamePattern = /^[A-Za-z0-9._-]{1,255}$/;

/** The `{name}` path parameter of a stream route, or a 400 `invalid_stream_name`. */
export function parseStreamName(raw: string | undefined): string {
  if (raw === undefined || !streamNamePattern.test(raw) || raw === '.' || raw === '..') {
    throw new InvalidStreamNameError(raw ?? '');
  }
  return raw;
}

/** The `{group}` path parameter, or a 400 `invalid_group_name`. */
export function parseGroupName(raw: string | undefined): string {
  if (raw === undefined || !groupNamePattern.test(raw)) throw new InvalidGroupNameError(raw ?? '');
  return raw;
}
