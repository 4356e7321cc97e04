import { describe, expect, it } from 'vitest';
import { bindingRequestSchema } from '../../../../functions/core/schemas/binding-requests.ts';

const parse = (body: unknown) => bindingRequestSchema.safeParse(body);

describe('bindingRequestSchema', () => {
  it('parses a queue binding with an empty binding key and no arguments by default', () => {
    expect(parse({ exchange: 'orders', queue: 'audit' }).data).toEqual({ source: 'orders', destination: { queue: 'audit' }, bindingKey: '', arguments: {} });
  });

  it('parses an exchange-to-exchange binding with its key and arguments', () => {
    expect(parse({ exchange: 'orders', destinationExchange: 'eu', bindingKey: 'eu.#', arguments: { 'x-match': 'any', a: null } }).data).toEqual({
      source: 'orders',
      destination: { exchange: 'eu' },
      bindingKey: 'eu.#',
      arguments: { 'x-match': 'any', a: null },
    });
  });

  it('reads amq.default and "" as the default exchange, for the operation to refuse', () => {
    expect(parse({ exchange: 'amq.default', queue: 'q' }).data?.source).toBe('');
    expect(parse({ exchange: 'x', destinationExchange: '' }).data?.destination).toEqual({ exchange: '' });
  });

  it.each([
    ['no destination', { exchange: 'x' }],
    ['two destinations', { exchange: 'x', queue: 'q', destinationExchange: 'y' }],
    ['an invalid queue name', { exchange: 'x', queue: 'has space' }],
    ['an object argument', { exchange: 'x', queue: 'q', arguments: { a: {} } }],
    ['65 arguments', { exchange: 'x', queue: 'q', arguments: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`a${i}`, i])) }],
    ['a binding key over 255 bytes', { exchange: 'x', queue: 'q', bindingKey: 'é'.repeat(128) }],
    ['an unknown member', { exchange: 'x', queue: 'q', durable: true }],
  ])('refuses %s', (_case, body) => {
    expect(parse(body).success).toBe(false);
  });
});
