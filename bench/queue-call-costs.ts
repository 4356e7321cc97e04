import type { ApiClient } from '../testing/handler-harness.ts';
import type { CallCounter } from '../testing/aws-call-counter.ts';

export interface CallCost {
  readonly scenario: string;
  readonly messages: number;
  readonly calls: number;
  readonly byCommand: Record<string, number>;
}

const messages = (count: number) => Array.from({ length: count }, (_, i) => ({ body: { i, pad: 'x'.repeat(64) } }));

/** AWS calls per message for publishing `count` messages, `perRequest` to a request. */
export async function publishCost(api: ApiClient, counter: CallCounter, queue: string, count: number, perRequest: number): Promise<CallCost> {
  counter.reset();
  for (let sent = 0; sent < count; sent += perRequest) {
    const chunk = messages(Math.min(perRequest, count - sent));
    const response = perRequest === 1 ? await api.post(`/v1/queues/${queue}/messages`, chunk[0]) : await api.post(`/v1/queues/${queue}/messages`, { messages: chunk });
    if (response.status !== 202) throw new Error(`publish answered ${response.status}: ${JSON.stringify(response.json)}`);
  }
  return snapshot(`publish, ${perRequest} per request`, count, counter);
}

/** AWS calls per message for receiving `count` messages `perRequest` at a time and acking each batch. */
export async function consumeCost(api: ApiClient, counter: CallCounter, queue: string, count: number, perRequest: number): Promise<CallCost> {
  counter.reset();
  let consumed = 0;
  while (consumed < count) {
    const received = await api.post(`/v1/queues/${queue}/receive`, { maxMessages: perRequest, waitSeconds: 1 });
    const receipts = (received.json.messages as { receipt: string }[]).map((m) => m.receipt);
    if (receipts.length === 0) throw new Error(`queue ${queue} ran dry after ${consumed} of ${count} messages`);
    const acked = await api.post(`/v1/queues/${queue}/ack`, { receipts });
    if (acked.json.acked !== receipts.length) throw new Error(`ack answered ${JSON.stringify(acked.json)}`);
    consumed += receipts.length;
  }
  return snapshot(`receive + ack, ${perRequest} per request`, consumed, counter);
}

function snapshot(scenario: string, count: number, counter: CallCounter): CallCost {
  return { scenario, messages: count, calls: counter.total(), byCommand: Object.fromEntries(counter.counts) };
}
