import { describe, expect, it } from 'vitest';
import { InvalidQueueNameError } from '../../../../functions/core/problems/index.ts';
import {
  declareQueueBodySchema,
  deleteQueueQuerySchema,
  parseQueueName,
} from '../../../../functions/core/schemas/queue-requests.ts';

describe('parseQueueName', () => {
  it.each(['a', 'orders.eu-west_1', 'A'.repeat(128), '...', '-'])('accepts %j', (name) => {
    expect(parseQueueName(name)).toBe(name);
  });

  it.each([undefined, '', 'a'.repeat(129), 'has space', 'slash/inside', 'é', 'a*'])('rejects %j with invalid_queue_name', (name) => {
    expect(() => parseQueueName(name)).toThrow(InvalidQueueNameError);
  });
});

describe('declareQueueBodySchema', () => {
  const defaults = { maxDeliveries: 5, visibilityTimeoutSeconds: 30, retentionSeconds: 345_600, delaySeconds: 0 };

  it('applies every default to a missing or empty body', () => {
    expect(declareQueueBodySchema.parse(undefined)).toEqual(defaults);
    expect(declareQueueBodySchema.parse({})).toEqual(defaults);
  });

  it('keeps given settings and defaults the rest', () => {
    expect(declareQueueBodySchema.parse({ maxDeliveries: 1, delaySeconds: 900 })).toEqual({ ...defaults, maxDeliveries: 1, delaySeconds: 900 });
  });

  it.each([
    ['maxDeliveries', 1, 1000],
    ['visibilityTimeoutSeconds', 0, 43_200],
    ['retentionSeconds', 60, 1_209_600],
    ['delaySeconds', 0, 900],
  ])('accepts %s from %i to %i and nothing outside', (setting, min, max) => {
    expect(declareQueueBodySchema.safeParse({ [setting]: min }).success).toBe(true);
    expect(declareQueueBodySchema.safeParse({ [setting]: max }).success).toBe(true);
    expect(declareQueueBodySchema.safeParse({ [setting]: min - 1 }).error?.issues[0]?.message).toBe(`must be an integer from ${min} to ${max}`);
    expect(declareQueueBodySchema.safeParse({ [setting]: max + 1 }).success).toBe(false);
    expect(declareQueueBodySchema.safeParse({ [setting]: min + 0.5 }).success).toBe(false);
    expect(declareQueueBodySchema.safeParse({ [setting]: String(min) }).success).toBe(false);
  });

  it('rejects unknown settings, so a typo is not silently a default', () => {
    expect(declareQueueBodySchema.safeParse({ visibilityTimeout: 10 }).success).toBe(false);
  });

  it('keeps a dead-letter exchange under its API name, its routing key and a queue TTL', () => {
    expect(declareQueueBodySchema.parse({ deadLetterExchange: 'dlx', deadLetterRoutingKey: '', messageTtlMs: 1 })).toEqual({
      ...defaults,
      deadLetterExchange: 'dlx',
      deadLetterRoutingKey: '',
      messageTtlMs: 1,
    });
    expect(declareQueueBodySchema.parse({ deadLetterExchange: '' }).deadLetterExchange).toBe('amq.default');
    expect(declareQueueBodySchema.parse({ deadLetterExchange: 'amq.default' }).deadLetterExchange).toBe('amq.default');
  });

  it('keeps a maxPriority of 1 to 10', () => {
    expect(declareQueueBodySchema.parse({ maxPriority: 10 })).toEqual({ ...defaults, maxPriority: 10 });
  });

  it.each([
    ['a bad exchange name', { deadLetterExchange: 'no spaces' }, 'deadLetterExchange'],
    ['a routing key without an exchange', { deadLetterRoutingKey: 'k' }, 'deadLetterRoutingKey'],
    ['a routing key over 255 bytes', { deadLetterExchange: 'dlx', deadLetterRoutingKey: 'k'.repeat(256) }, 'deadLetterRoutingKey'],
    ['a zero TTL', { messageTtlMs: 0 }, 'messageTtlMs'],
    ['a fractional TTL', { messageTtlMs: 1.5 }, 'messageTtlMs'],
    ['a maxPriority of 0', { maxPriority: 0 }, 'maxPriority'],
    ['a maxPriority above 10', { maxPriority: 11 }, 'maxPriority'],
    ['1000 deliveries with a dead-letter exchange (SQS needs one receive more)', { deadLetterExchange: 'dlx', maxDeliveries: 1000 }, 'maxDeliveries'],
  ])('rejects %s', (_, body, field) => {
    expect(declareQueueBodySchema.safeParse(body).error?.issues.map((issue) => issue.path.join('.'))).toEqual([field]);
  });

  it('keeps fifo only when true, and refuses it with maxPriority', () => {
    expect(declareQueueBodySchema.parse({ fifo: true })).toEqual({ ...defaults, fifo: true });
    expect(declareQueueBodySchema.parse({ fifo: false })).not.toHaveProperty('fifo');
    expect(declareQueueBodySchema.safeParse({ fifo: true, maxPriority: 2 }).error?.issues[0]?.path).toEqual(['maxPriority']);
    expect(declareQueueBodySchema.safeParse({ fifo: 'yes' }).success).toBe(false);
  });
});

describe('deleteQueueQuerySchema', () => {
  it('defaults ifEmpty to false', () => {
    expect(deleteQueueQuerySchema.parse(undefined)).toEqual({ ifEmpty: false });
  });

  it('reads true and false, and rejects anything else', () => {
    expect(deleteQueueQuerySchema.parse({ ifEmpty: 'true' })).toEqual({ ifEmpty: true });
    expect(deleteQueueQuerySchema.parse({ ifEmpty: 'false' })).toEqual({ ifEmpty: false });
    expect(deleteQueueQuerySchema.safeParse({ ifEmpty: '1' }).success).toBe(false);
  });
});
