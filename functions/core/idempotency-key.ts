import { InvalidIdempotencyKeyError } from './problems/idempotency.ts';

/** 1 to 255 visible ASCII characters (0x21..0x7e): no spaces, no control characters. */
export const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

/** The request's Idempotency-Key, validated; undefined when it sent none. */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!idempotencyKeyPattern.test(header)) throw new InvalidIdempotencyKeyError(header);
  return header;
}

/**
 * Scopes a key to the resource it was used on: the route key with its path parameters filled in,
 * e.g. `POST /v1/queues/orders/messages#k1`, so one key on two queues makes two records.
 */
export function scopedIdempotencyKey(routeKey: string, pathParameters: Readonly<Record<string, string | undefined>>, key: string): string {
  const resource = routeKey.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathParameters[name] ?? ''));
  return `${resource}#${key}`;
}
