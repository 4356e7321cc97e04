import { describe, expect, it } from 'vitest';
import { canonicalExchangeName, DEFAULT_EXCHANGE, DEFAULT_EXCHANGE_ALIAS } from '../../../functions/core/exchanges/exchange-names.ts';
import {
  bindingArgumentsSchema,
  bindingKeySchema,
  exchangeNameSchema,
  exchangeReferenceSchema,
  exchangeTypeSchema,
  MAX_KEY_BYTES,
  routingKeySchema,
} from '../../../functions/core/routing/schemas.ts';

describe('Schema: exchangeNameSchema', () => {
  it.each(['orders', 'a', 'Orders.EU:v2-beta_1', 'x'.repeat(255), 'amq.topic'])('accepts %j', (name) => {
    expect(exchangeNameSchema.parse(name)).toBe(name);
  });

  it.each(['', 'x'.repeat(256), 'has space', 'slash/name', 'star*', 'hash#', 'ünïcode', 'tab\t'])('refuses %j', (name) => {
    expect(exchangeNameSchema.safeParse(name).success).toBe(false);
  });

  it('refuses amq.default, the default exchange, which cannot be declared or bound', () => {
    const result = exchangeNameSchema.safeParse(DEFAULT_EXCHANGE_ALIAS);

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/default exchange/);
  });
});

describe('Schema: exchangeReferenceSchema', () => {
  it.each([
    ['', DEFAULT_EXCHANGE],
    [DEFAULT_EXCHANGE_ALIAS, DEFAULT_EXCHANGE],
    ['orders', 'orders'],
  ])('parses %j to %j', (reference, name) => {
    expect(exchangeReferenceSchema.parse(reference)).toBe(name);
  });

  it.each(['has space', 'x'.repeat(256), 42])('refuses %j', (reference) => {
    expect(exchangeReferenceSchema.safeParse(reference).success).toBe(false);
  });
});

describe('Function: canonicalExchangeName', () => {
  it('resolves the alias and keeps every other name', () => {
    expect(canonicalExchangeName('amq.default')).toBe('');
    expect(canonicalExchangeName('amq.direct')).toBe('amq.direct');
    expect(canonicalExchangeName('')).toBe('');
  });
});

describe('Schema: exchangeTypeSchema', () => {
  it.each(['direct', 'fanout', 'topic', 'headers'])('accepts %j', (type) => {
    expect(exchangeTypeSchema.parse(type)).toBe(type);
  });

  it.each(['Direct', 'x-consistent-hash', ''])('refuses %j', (type) => {
    expect(exchangeTypeSchema.safeParse(type).success).toBe(false);
  });
});

describe('Schema: bindingKeySchema and routingKeySchema', () => {
  // AMQP short strings: at most 255 bytes, counted in UTF-8, not in characters.
  it.each([
    ['empty', ''],
    ['255 ASCII bytes', 'a'.repeat(MAX_KEY_BYTES)],
    ['127 two-byte characters and one byte', `${'é'.repeat(127)}a`],
  ])('accepts %s', (_case, key) => {
    expect(bindingKeySchema.parse(key)).toBe(key);
    expect(routingKeySchema.parse(key)).toBe(key);
  });

  it.each([
    ['256 ASCII bytes', 'a'.repeat(MAX_KEY_BYTES + 1)],
    ['128 two-byte characters (128 characters, 256 bytes)', 'é'.repeat(128)],
    ['64 four-byte emoji (128 UTF-16 units, 256 bytes)', '🙂'.repeat(64)],
  ])('refuses %s', (_case, key) => {
    const result = bindingKeySchema.safeParse(key);

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be at most 255 bytes of UTF-8');
    expect(routingKeySchema.safeParse(key).success).toBe(false);
  });
});

describe('Schema: bindingArgumentsSchema', () => {
  it('accepts header values and null', () => {
    const args = { 'x-match': 'any', format: 'pdf', size: 3, urgent: true, present: null };

    expect(bindingArgumentsSchema.parse(args)).toEqual(args);
  });

  it.each([
    ['an array value', { a: [1] }],
    ['an object value', { a: { b: 1 } }],
    ['an empty name', { '': 1 }],
    ['a 129-character name', { ['n'.repeat(129)]: 1 }],
  ])('refuses %s', (_case, args) => {
    expect(bindingArgumentsSchema.safeParse(args).success).toBe(false);
  });
});
