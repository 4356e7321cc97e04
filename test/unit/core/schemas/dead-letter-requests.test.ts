import { describe, expect, it } from 'vitest';
import { peekDeadLettersQuerySchema, redriveRequestSchema } from '../../../../functions/core/schemas/dead-letter-requests.ts';

describe('peekDeadLettersQuerySchema', () => {
  it('defaults max to 10', () => {
    expect(peekDeadLettersQuerySchema.parse(undefined)).toEqual({ max: 10 });
  });

  it.each([
    ['1', 1],
    ['100', 100],
    ['007', 7],
  ])('reads max=%s', (max, expected) => {
    expect(peekDeadLettersQuerySchema.parse({ max })).toEqual({ max: expected });
  });

  it.each(['0', '101', '', 'ten', '1e2', '-1', '2.5', ' 5'])('rejects max=%j', (max) => {
    expect(peekDeadLettersQuerySchema.safeParse({ max }).success).toBe(false);
  });
});

describe('redriveRequestSchema', () => {
  it('moves everything when no maximum is given', () => {
    expect(redriveRequestSchema.parse(undefined)).toEqual({});
  });

  it('accepts 1 to 10000 messages', () => {
    expect(redriveRequestSchema.parse({ maxMessages: 10_000 })).toEqual({ maxMessages: 10_000 });
    expect(redriveRequestSchema.safeParse({ maxMessages: 0 }).success).toBe(false);
    expect(redriveRequestSchema.safeParse({ maxMessages: 10_001 }).success).toBe(false);
  });
});
