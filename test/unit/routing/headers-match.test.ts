import { describe, expect, it } from 'vitest';
import { InvalidBindingError } from '../../../functions/core/problems/index.ts';
import { compileHeadersMatcher, parseXMatch } from '../../../functions/core/routing/headers-match.ts';
import type { BindingArguments } from '../../../functions/core/routing/topology.ts';
import type { MessageHeaders } from '../../../functions/core/schemas/message-requests.ts';

const matches = (args: BindingArguments, headers: MessageHeaders) => compileHeadersMatcher(args)(headers);

describe('Function: compileHeadersMatcher', () => {
  // Each row is RabbitMQ behaviour, from rabbit_exchange_type_headers:headers_match.
  it.each<[string, BindingArguments, MessageHeaders, boolean]>([
    // all, the default
    ['without x-match every condition must hold (all)', { a: 1, b: 'x' }, { a: 1, b: 'x', c: 3 }, true],
    ['all fails when one header is missing', { a: 1, b: 'x' }, { a: 1 }, false],
    ['all fails when one value differs', { 'x-match': 'all', a: 1, b: 'x' }, { a: 1, b: 'y' }, false],
    ['all ignores headers the binding does not name', { 'x-match': 'all', a: 1 }, { a: 1, z: 'extra' }, true],
    ['a binding with no arguments matches every message', {}, {}, true],
    ['x-match=all alone matches every message', { 'x-match': 'all' }, { anything: 1 }, true],
    ['x-match=all alone matches a message without headers', { 'x-match': 'all' }, {}, true],
    // any
    ['any holds when one condition holds', { 'x-match': 'any', a: 1, b: 2 }, { b: 2 }, true],
    ['any fails when none holds', { 'x-match': 'any', a: 1, b: 2 }, { a: 2, c: 1 }, false],
    ['x-match=any alone matches nothing', { 'x-match': 'any' }, { anything: 1 }, false],
    ['x-match=any alone matches nothing, not even no headers', { 'x-match': 'any' }, {}, false],
    // x- arguments
    ['all skips x- arguments', { 'x-match': 'all', 'x-foo': 1 }, {}, true],
    ['all skips x- arguments even when the header differs', { 'x-match': 'all', 'x-foo': 1, a: 1 }, { 'x-foo': 2, a: 1 }, true],
    ['any skips x- arguments', { 'x-match': 'any', 'x-foo': 1, a: 1 }, { 'x-foo': 1 }, false],
    ['any with only x- arguments matches nothing', { 'x-match': 'any', 'x-foo': 1 }, { 'x-foo': 1 }, false],
    ['all-with-x keeps x- arguments', { 'x-match': 'all-with-x', 'x-foo': 1 }, { 'x-foo': 1 }, true],
    ['all-with-x fails on a missing x- header', { 'x-match': 'all-with-x', 'x-foo': 1 }, {}, false],
    ['any-with-x holds on an x- header', { 'x-match': 'any-with-x', 'x-foo': 1, a: 2 }, { 'x-foo': 1 }, true],
    ['all-with-x never makes x-match a condition', { 'x-match': 'all-with-x' }, {}, true],
    ['any-with-x never makes x-match a condition', { 'x-match': 'any-with-x' }, { 'x-match': 'any-with-x' }, false],
    // null: presence only
    ['a null argument holds on any value', { a: null }, { a: 'anything' }, true],
    ['a null argument holds on false', { a: null }, { a: false }, true],
    ['a null argument fails on a missing header', { a: null }, {}, false],
    ['a null argument counts for any', { 'x-match': 'any', a: null, b: 1 }, { a: 0 }, true],
    // a void (null) header: present, without a value
    ['a void header satisfies a null argument', { 'x-match': 'all', present: null }, { present: null }, true],
    ['a void header is not a value', { a: 1 }, { a: null }, false],
    ['x-match=all alone matches a message with a void header', { 'x-match': 'all' }, { a: null }, true],
    // type and value
    ['"1" is not 1', { a: '1' }, { a: 1 }, false],
    ['1 is not "1"', { a: 1 }, { a: '1' }, false],
    ['true is not "true"', { a: true }, { a: 'true' }, false],
    ['"true" is not true', { a: 'true' }, { a: true }, false],
    ['0 is not false', { a: 0 }, { a: false }, false],
    ['"" is not false', { a: '' }, { a: false }, false],
    ['1.0 is 1: JSON has one number type, and Erlang == makes 1 and 1.0 equal', { a: 1 }, { a: 1.0 }, true],
    ['names compare case-sensitively', { A: 1 }, { a: 1 }, false],
    ['inherited properties are not headers', { constructor: null, toString: null }, {}, false],
  ])('%s', (_behaviour, args, headers, expected) => {
    expect(matches(args, headers)).toBe(expected);
  });
});

describe('Function: parseXMatch', () => {
  it.each(['all', 'any', 'all-with-x', 'any-with-x'] as const)('accepts %j', (mode) => {
    expect(parseXMatch({ 'x-match': mode })).toBe(mode);
  });

  it('defaults to all', () => {
    expect(parseXMatch({ a: 1 })).toBe('all');
  });

  // RabbitMQ refuses such a binding with 406 PRECONDITION_FAILED ("Invalid x-match field value" for
  // another string, "Invalid x-match field type" for a non-string, JSON null being AMQP void).
  it.each(['ALL', 'bogus', '', 'all ', 1, true, null])('refuses x-match %j as an invalid binding', (mode) => {
    const compile = () => compileHeadersMatcher({ 'x-match': mode });

    expect(compile).toThrow(InvalidBindingError);
    expect(compile).toThrow(/x-match must be "all", "any", "all-with-x" or "any-with-x"/);
    expect(compile).toThrowError(expect.objectContaining({ status: 400, code: 'invalid_binding' }));
  });
});
