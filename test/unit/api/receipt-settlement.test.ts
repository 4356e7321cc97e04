import { describe, expect, it } from 'vitest';
import type { EntryOutcome } from '../../../functions/adapters/aws-batch.ts';
import { settleReceipts } from '../../../functions/api/operations/queues/receipt-settlement.ts';
import { encodeReceipt, type Receipt } from '../../../functions/core/receipt.ts';

const token = (queue: string, receiptHandle: string) => encodeReceipt({ queue, receiptHandle, deliveryCount: 1, messageBody: '{}' });

describe('settleReceipts', () => {
  it('passes only valid receipts on and reports the others in request order', async () => {
    const tokens = ['junk', token('q', 'h1'), token('other', 'h2'), token('q', 'h3')];
    let settled: readonly Receipt[] = [];

    const result = await settleReceipts(tokens, 'q', async (receipts) => {
      settled = receipts;
      return receipts.map((): EntryOutcome => ({ ok: true }));
    });

    expect(settled.map((receipt) => receipt.receiptHandle)).toEqual(['h1', 'h3']);
    expect(result).toEqual({
      settled: 2,
      failures: [
        { receipt: 'junk', code: 'invalid_receipt', detail: expect.any(String) },
        { receipt: tokens[2], code: 'foreign_receipt', detail: expect.any(String) },
      ],
    });
  });

  it('maps SQS entry failures to codes a client can act on', async () => {
    const tokens = [token('q', 'a'), token('q', 'b'), token('q', 'c')];
    const outcomes: EntryOutcome[] = [
      { ok: false, code: 'ReceiptHandleIsInvalid', message: 'invalid', senderFault: true },
      { ok: false, code: 'service_unavailable', message: 'the service was unavailable', senderFault: false },
      { ok: false, code: 'InvalidParameterValue', message: 'Total VisibilityTimeout is beyond the limit', senderFault: true },
    ];

    const result = await settleReceipts(tokens, 'q', async () => outcomes);

    expect(result.settled).toBe(0);
    expect(result.failures.map(({ code }) => code)).toEqual(['receipt_expired', 'service_unavailable', 'receipt_rejected']);
    expect(result.failures[2]?.detail).toContain('beyond the limit');
  });
});
