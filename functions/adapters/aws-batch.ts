import { setTimeout as sleep } from 'node:timers/promises';
import { packBatches, type BatchLimits } from '../core/batching.ts';
import { isTransientAwsError } from './aws-errors.ts';

/** What became of one entry of a *Batch call. `code` is the service's error code, or `service_unavailable`. */
export type EntryOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly senderFault: boolean };

interface BatchFailure {
  readonly Id?: string | undefined;
  readonly Code?: string | undefined;
  readonly Message?: string | undefined;
  readonly SenderFault?: boolean | undefined;
}

/** The part of a *Batch response this module reads. */
export interface BatchResult {
  readonly Successful?: readonly { readonly Id?: string | undefined }[] | undefined;
  readonly Failed?: readonly BatchFailure[] | undefined;
}

/** Attempts per entry; the SDK has already retried whole calls that failed. */
const MAX_ATTEMPTS = 3;
const RETRY_PAUSE_MS = 100;

const unavailable: EntryOutcome = {
  ok: false,
  code: 'service_unavailable',
  message: 'the service was unavailable',
  senderFault: false,
};

/**
 * Runs a *Batch call (SQS's SendMessageBatch and kin, SNS's PublishBatch) over `count` entries
 * split by `limits`, the batches in parallel. `call` receives entry indexes and must use
 * `String(index)` as each entry's Id. Entries that failed
 * through no fault of the sender are retried; a call that still fails transiently fails its entries
 * as `service_unavailable`; any other error (such as QueueDoesNotExist) is thrown. Outcomes are in
 * entry order. `ordered` sends the batches one after another, so that a FIFO queue stores them in
 * entry order (a retried entry still lands after the rest of its batch).
 */
export async function runBatches(
  count: number,
  limits: BatchLimits,
  call: (indexes: readonly number[]) => Promise<BatchResult>,
  { ordered = false }: { readonly ordered?: boolean } = {},
): Promise<EntryOutcome[]> {
  const outcomes = new Array<EntryOutcome>(count).fill(unavailable);
  const batches = packBatches(count, limits);
  const runBatch = async (batch: readonly number[]): Promise<void> => {
    let pending: readonly number[] = batch;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 1) await sleep(RETRY_PAUSE_MS * 2 ** (attempt - 2));
      let result: BatchResult;
      try {
        result = await call(pending);
      } catch (error) {
        if (isTransientAwsError(error)) return; // `pending` keep their `unavailable` outcome
        throw error;
      }
      const retry: number[] = [];
      for (const { Id } of result.Successful ?? []) outcomes[Number(Id)] = { ok: true };
      for (const failure of result.Failed ?? []) {
        const index = Number(failure.Id);
        const senderFault = failure.SenderFault ?? false;
        if (!senderFault && attempt < MAX_ATTEMPTS) retry.push(index);
        else outcomes[index] = { ok: false, code: failure.Code ?? 'Unknown', message: failure.Message ?? '', senderFault };
      }
      pending = retry;
    }
  };
  if (ordered) {
    for (const batch of batches) await runBatch(batch);
  } else {
    await Promise.all(batches.map(runBatch));
  }
  return outcomes;
}
