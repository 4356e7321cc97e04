import { describe, expect, it } from 'vitest';
import { sqsMessageBytes } from '../../../functions/core/sqs-limits.ts';

describe('sqsMessageBytes', () => {
  it('counts the body in UTF-8 bytes, not characters', () => {
    expect(sqsMessageBytes('é✓')).toBe(5);
  });

  it('adds each attribute name, data type and value', () => {
    expect(sqsMessageBytes('ab', { reason: 'rejected', count: 12 })).toBe(2 + (6 + 6 + 8) + (5 + 6 + 2));
  });
});
