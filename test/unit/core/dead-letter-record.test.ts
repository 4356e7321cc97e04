import { describe, expect, it } from 'vitest';
import {
  DEATH_RECORD_ALLOWANCE_BYTES,
  readDeathRecord,
  rejectionAttributes,
} from '../../../functions/core/dead-letter-record.ts';
import { sqsMessageBytes } from '../../../functions/core/sqs-limits.ts';

const at = new Date('2026-03-04T05:06:07.000Z');

describe('dead-letter record', () => {
  it('reads back a recorded rejection', () => {
    const attributes = Object.fromEntries(Object.entries(rejectionAttributes(4, at)).map(([k, v]) => [k, String(v)]));

    expect(readDeathRecord(attributes, 5)).toEqual({ reason: 'rejected', deliveryCount: 4, deadLetteredAt: '2026-03-04T05:06:07.000Z' });
  });

  it('takes a message without a record for one SQS moved after maxDeliveries receives', () => {
    expect(readDeathRecord({}, 5)).toEqual({ reason: 'delivery_limit', deliveryCount: 5, deadLetteredAt: null });
  });

  it('falls back to maxDeliveries when the recorded count is unreadable', () => {
    expect(readDeathRecord({ 'postroom.death.reason': 'rejected', 'postroom.death.delivery-count': 'x' }, 5)).toMatchObject({
      deliveryCount: 5,
      deadLetteredAt: null,
    });
  });

  it('fits the record in the room every message keeps for it', () => {
    const bytes = sqsMessageBytes('', rejectionAttributes(Number.MAX_SAFE_INTEGER, at));

    expect(bytes).toBeLessThanOrEqual(DEATH_RECORD_ALLOWANCE_BYTES);
  });
});
