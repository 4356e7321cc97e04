/**
 * A mistake in what the user gave (arguments, an input file): reported without a stack and exit
 * code 2, like commander's own usage errors.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
