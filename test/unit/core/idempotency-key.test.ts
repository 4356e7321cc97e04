import { describe, expect, it } from 'vitest';
import { parseIdempotencyKey, scopedIdempotencyKey } from '../../../functions/core/idempotency-key.ts';
import { InvalidIdempotencyKeyError } from '../../../functions/core/problems/index.ts';

describe('parseIdempotencyKey', () => {
  it('accepts 1 to 255 visible ASCII characters', () => {
    expect(parseIdempotencyKey('a')).toBe('a');
    expect(parseIdempotencyKey('x'.repeat(255))).toBe('x'.repeat(255));
    expect(parseIdempotencyKey('!~"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}')).toBe('!~"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}');
  });

  it('returns undefined when no header was sent', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'x'.repeat(256)],
    ['a space', 'a b'],
    ['a tab', 'a\tb'],
    ['non-ASCII', 'clé'],
    ['a control character', 'a\u0001'],
  ])('is a 400 invalid_idempotency_key when %s', (_, key) => {
    expect(() => parseIdempotencyKey(key)).toThrow(InvalidIdempotencyKeyError);
    expect(() => parseIdempotencyKey(key)).toThrow(expect.objectContaining({ status: 400, code: 'invalid_idempotency_key' }));
  });
});

describe('scopedIdempotencyKey', () => {
  it('fills the path parameters into the route key', () => {
    expect(scopedIdempotencyKey('POST /v1/queues/{name}/messages', { name: 'orders' }, 'k1')).toBe('POST /v1/queues/orders/messages#k1');
  });

  it('keeps one key on two resources, or on two routes of one resource, apart', () => {
    const keys = [
      scopedIdempotencyKey('POST /v1/queues/{name}/messages', { name: 'a' }, 'k'),
      scopedIdempotencyKey('POST /v1/queues/{name}/messages', { name: 'b' }, 'k'),
      scopedIdempotencyKey('POST /v1/exchanges/{name}/messages', { name: 'a' }, 'k'),
    ];
    expect(new Set(keys).size).toBe(3);
  });

  it('cannot be confused by a resource name containing the separator', () => {
    expect(scopedIdempotencyKey('POST /v1/streams/{name}/records', { name: 'a#b' }, 'k')).not.toBe(
      scopedIdempotencyKey('POST /v1/streams/{name}/records', { name: 'a' }, 'b#k'),
    );
  });
});
