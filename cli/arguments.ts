import { InvalidArgumentError } from 'commander';

/** Commander's parser for a whole-number option (a bad value is a usage error, exit 2). */
export function integer(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed)) throw new InvalidArgumentError('must be a whole number');
  return parsed;
}

/** Commander's parser for an option given as JSON. */
export function json(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('must be JSON');
  }
}
