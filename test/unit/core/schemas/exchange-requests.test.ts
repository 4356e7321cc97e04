import { describe, expect, it } from 'vitest';
import { AccessRefusedError, InvalidExchangeNameError } from '../../../../functions/core/problems/index.ts';
import {
  declareExchangeBodySchema,
  deleteExchangeQuerySchema,
  parseExchangeReference,
  parseOwnExchangeName,
  testRouteRequestSchema,
} from '../../../../functions/core/schemas/exchange-requests.ts';

describe('exchange names in paths', () => {
  it('takes 1 to 255 letters, digits, ".", "_", ":" and "-"', () => {
    expect(parseOwnExchangeName('orders.v2:eu_west-1')).toBe('orders.v2:eu_west-1');
    expect(parseOwnExchangeName('x'.repeat(255))).toHaveLength(255);
  });

  it.each([undefined, '', 'has space', 'a/b', 'x'.repeat(256)])('answers 400 invalid_exchange_name for %j', (raw) => {
    expect(() => parseOwnExchangeName(raw)).toThrow(InvalidExchangeNameError);
    expect(() => parseExchangeReference(raw)).toThrow(InvalidExchangeNameError);
  });

  it.each(['amq.default', 'amq.topic', 'amq.anything'])('refuses to declare or delete the reserved %s with 403', (raw) => {
    expect(() => parseOwnExchangeName(raw)).toThrow(AccessRefusedError);
  });

  it('reads amq.default as the default exchange where an exchange is only used', () => {
    expect(parseExchangeReference('amq.default')).toBe('');
    expect(parseExchangeReference('amq.topic')).toBe('amq.topic');
  });
});

describe('exchange request bodies', () => {
  it('declares with a type and an optional alternate exchange, nothing else', () => {
    expect(declareExchangeBodySchema.safeParse({ type: 'topic' }).data).toEqual({ type: 'topic' });
    expect(declareExchangeBodySchema.safeParse({ type: 'headers', alternateExchange: 'ae' }).data).toEqual({ type: 'headers', alternateExchange: 'ae' });
    expect(declareExchangeBodySchema.safeParse({ type: 'x-delayed-message' }).success).toBe(false);
    expect(declareExchangeBodySchema.safeParse({ type: 'direct', durable: true }).success).toBe(false);
    expect(declareExchangeBodySchema.safeParse({ type: 'direct', alternateExchange: 'amq.default' }).success).toBe(false);
  });

  it('deletes unconditionally unless ifUnused=true', () => {
    expect(deleteExchangeQuerySchema.parse({})).toEqual({ ifUnused: false });
    expect(deleteExchangeQuerySchema.parse({ ifUnused: 'true' })).toEqual({ ifUnused: true });
  });

  it('test-routes an empty body as an empty routing key without headers', () => {
    expect(testRouteRequestSchema.parse(undefined)).toEqual({ routingKey: '', headers: {} });
    expect(testRouteRequestSchema.safeParse({ routingKey: 'a.b', headers: { n: 1 }, body: 'x' }).success).toBe(false);
  });
});
