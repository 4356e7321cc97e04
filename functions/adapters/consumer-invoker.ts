import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { firstFailedOffset } from '../core/streams/consumer-reply.ts';
import type { DeliveryResult } from '../core/streams/push-delivery.ts';
import type { ReadRecord } from '../core/streams/read-slice.ts';
import { recordView } from '../core/streams/record-view.ts';

/** Where a delivery's records come from, as the consumer function sees it. */
export interface DeliveryOrigin {
  readonly stream: string;
  /** The stream's incarnation: a new one when the stream is deleted and declared again, and offsets restart. */
  readonly incarnation: string;
  readonly group: string;
  readonly partition: number;
  /** A projection's read-model generation (see ProjectionReplay); plain consumers have none. */
  readonly generation?: number;
}

/** The event a consumer function gets: records as `GET …/records` returns them. */
export const consumerEvent = (origin: DeliveryOrigin, records: readonly ReadRecord[]) => ({
  ...origin,
  records: records.map(recordView),
});

/**
 * Delivers records to the consumer function with a synchronous Invoke. A function error (it threw,
 * timed out, ran out of memory) fails the whole delivery; a reply with `batchItemFailures` fails it
 * from the first offset named. Errors of the Invoke call itself (throttling, permissions) are not
 * the records' fault: they propagate, so that the partition waits rather than dead-letters.
 */
export class ConsumerInvoker {
  readonly #lambda: LambdaClient;
  readonly #functionName: string;

  constructor(lambda: LambdaClient, functionName: string) {
    this.#lambda = lambda;
    this.#functionName = functionName;
  }

  async deliver(origin: DeliveryOrigin, records: readonly ReadRecord[]): Promise<DeliveryResult> {
    const { FunctionError, Payload } = await this.#lambda.send(
      new InvokeCommand({ FunctionName: this.#functionName, Payload: JSON.stringify(consumerEvent(origin, records)) }),
    );
    const text = Payload === undefined ? '' : Buffer.from(Payload).toString('utf8');
    const reply: unknown = text === '' ? null : JSON.parse(text);
    if (FunctionError !== undefined) return { ok: false, error: errorMessage(reply, FunctionError) };
    const failedOffset = firstFailedOffset(reply);
    return failedOffset === undefined ? { ok: true } : { ok: false, error: `the function reported offset ${failedOffset} as failed`, failedOffset };
  }
}

/** Lambda's error payload: `{errorType, errorMessage, trace}`. */
function errorMessage(reply: unknown, functionError: string): string {
  const { errorType, errorMessage: message } = (reply ?? {}) as { errorType?: unknown; errorMessage?: unknown };
  return typeof message === 'string' ? `${typeof errorType === 'string' ? errorType : functionError}: ${message}` : functionError;
}
