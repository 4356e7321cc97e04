import { describe, expect, it } from 'vitest';
import { ackRequestSchema, nackRequestSchema } from '../../../../functions/core/schemas/settle-requests.ts';

describe('ackRequestSchema', () => {
  it('accepts 1 to 100 strings, leaving their decoding to each receipt', () => {
    expect(ackRequestSchema.safeParse({ receipts: ['not even a token'] }).success).toBe(true);
    expect(ackRequestSchema.safeParse({ receipts: Array.from({ length: 100 }, () => 'r') }).success).toBe(true);
  });

  it.each([[{ receipts: [] }], [{ receipts: Array.from({ length: 101 }, () => 'r') }], [{ receipts: [1] }], [{}], [undefined]])(
    'rejects %j',
    (body) => {
      expect(ackRequestSchema.safeParse(body).success).toBe(false);
    },
  );
});

describe('nackRequestSchema', () => {
  it('requeues by default, with no fixed delay', () => {
    expect(nackRequestSchema.parse({ receipts: ['r'] })).toEqual({ receipts: ['r'], requeue: true });
  });

  it('accepts a delay of 0 to 43200 seconds when requeueing', () => {
    expect(nackRequestSchema.parse({ receipts: ['r'], delaySeconds: 43_200 })).toMatchObject({ delaySeconds: 43_200 });
    expect(nackRequestSchema.safeParse({ receipts: ['r'], delaySeconds: 43_201 }).success).toBe(false);
  });

  it('rejects a delay together with requeue: false, pointing at delaySeconds', () => {
    const result = nackRequestSchema.safeParse({ receipts: ['r'], requeue: false, delaySeconds: 1 });

    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['delaySeconds'] })]);
  });
});
