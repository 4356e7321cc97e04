import type { EntryOutcome } from '../../../adapters/aws-batch.ts';
import { readReceipt, type Receipt } from '../../../core/receipt.ts';

/** A receipt that could not be settled, as reported to the client. */
export interface SettlementFailure {
  readonly receipt: string;
  readonly code: string;
  readonly detail: string;
}

/** What the client can do about a failed SQS entry, by SQS's error code. */
function describeOutcome(outcome: Exclude<EntryOutcome, { ok: true }>): Omit<SettlementFailure, 'receipt'> {
  if (outcome.code === 'ReceiptHandleIsInvalid') {
    return {
      code: 'receipt_expired',
      detail:
        'SQS no longer accepts this receipt: the visibility timeout ran out or the message was settled ' +
        'already, so it is (or was) delivered again; settle the newer delivery.',
    };
  }
  if (!outcome.senderFault) {
    return { code: 'service_unavailable', detail: 'SQS was unavailable; settle this receipt again.' };
  }
  return { code: 'receipt_rejected', detail: `SQS rejected this receipt: ${outcome.message}` };
}

/**
 * Settles receipts one by one as far as the client is concerned: tokens that are malformed or
 * belong to another queue, and entries SQS refuses, become failures in request order; `settle`
 * gets the valid receipts and returns one outcome each.
 */
export async function settleReceipts(
  tokens: readonly string[],
  queue: string,
  settle: (receipts: readonly Receipt[]) => Promise<readonly EntryOutcome[]>,
): Promise<{ settled: number; failures: SettlementFailure[] }> {
  const readings = tokens.map((token) => readReceipt(token, queue));
  const valid = readings.flatMap((reading, index) => (reading.ok ? [{ index, receipt: reading.receipt }] : []));
  const outcomes = await settle(valid.map(({ receipt }) => receipt));

  const problems = readings.map((reading): Omit<SettlementFailure, 'receipt'> | undefined =>
    reading.ok ? undefined : { code: reading.code, detail: reading.detail },
  );
  valid.forEach(({ index }, position) => {
    const outcome = outcomes[position]!;
    if (!outcome.ok) problems[index] = describeOutcome(outcome);
  });
  const failures = tokens.flatMap((receipt, index) => {
    const problem = problems[index];
    return problem ? [{ receipt, ...problem }] : [];
  });
  return { settled: tokens.length - failures.length, failures };
}
