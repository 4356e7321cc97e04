import { describe, expect, it } from 'vitest';
import { bindingKeyOf, bindingKeyPrefix, canonicalArguments } from '../../../../functions/core/exchanges/binding-identity.ts';
import type { Binding } from '../../../../functions/core/routing/topology.ts';

const binding: Binding = { source: 'orders', destination: { queue: 'audit' }, bindingKey: 'eu.*', arguments: { b: 1, a: null } };

describe('binding identity', () => {
  it('writes arguments with their names sorted', () => {
    expect(canonicalArguments({ b: 1, a: null, 'x-match': 'any' })).toBe('{"a":null,"b":1,"x-match":"any"}');
  });

  it('gives the same key to the same binding whatever the order of its arguments', () => {
    expect(bindingKeyOf({ ...binding, arguments: { a: null, b: 1 } })).toBe(bindingKeyOf(binding));
  });

  it.each<[string, Partial<Binding>]>([
    ['another source', { source: 'payments' }],
    ['an exchange of the same name as destination', { destination: { exchange: 'audit' } }],
    ['another binding key', { bindingKey: 'eu.#' }],
    ['an argument of another type', { arguments: { b: '1', a: null } }],
    ['one argument fewer', { arguments: { b: 1 } }],
  ])('tells apart a binding with %s', (_case, change) => {
    expect(bindingKeyOf({ ...binding, ...change })).not.toBe(bindingKeyOf(binding));
  });

  it('starts with the source, so one exchange’s bindings share a prefix, and stays short', () => {
    const long: Binding = { ...binding, bindingKey: 'k'.repeat(255), arguments: Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`h${i}`, 'v'.repeat(100)])) };

    expect(bindingKeyOf(binding).startsWith(bindingKeyPrefix('orders'))).toBe(true);
    expect(bindingKeyOf(long).length).toBeLessThan(100);
  });
});
