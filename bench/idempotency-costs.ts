import { randomUUID } from 'node:crypto';
import type { CallCounter } from '../testing/aws-call-counter.ts';
import type { ApiClient } from '../testing/handler-harness.ts';

export interface IdempotencyCost {
  readonly scenario: string;
  readonly status: number;
  /** AWS calls of the request, by command; the DynamoDB ones beyond the no-key request are the idempotency layer's. */
  readonly byCommand: Record<string, number>;
}

/**
 * AWS calls of one publish without an Idempotency-Key, the first with one, and its replay, on a
 * warm queue. Expected: the key adds a conditional PutItem (the lock) and an UpdateItem (the
 * response) to the first request; the replay is that PutItem alone, failing its condition and
 * returning the stored record (ReturnValuesOnConditionCheckFailure: ALL_OLD), with no GetItem.
 */
export async function idempotencyCosts(api: ApiClient, counter: CallCounter): Promise<IdempotencyCost[]> {
  const queue = `bench-idempotency-${randomUUID().slice(0, 8)}`;
  await api.put(`/v1/queues/${queue}`);
  const message = { body: { pad: 'x'.repeat(64) } };
  const publish = (headers: Record<string, string>) => api.call({ method: 'POST', path: `/v1/queues/${queue}/messages`, json: message, headers });
  await publish({}); // warms the declaration cache
  const key = randomUUID();
  const measure = async (scenario: string, headers: Record<string, string>): Promise<IdempotencyCost> => {
    counter.reset();
    const { status } = await publish(headers);
    return { scenario, status, byCommand: Object.fromEntries(counter.counts) };
  };
  return [
    await measure('publish without Idempotency-Key', {}),
    await measure('publish with Idempotency-Key, first', { 'idempotency-key': key }),
    await measure('publish with Idempotency-Key, replay', { 'idempotency-key': key }),
  ];
}
