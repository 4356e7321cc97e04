import type { CallCounter } from '../testing/aws-call-counter.ts';
import type { ApiClient } from '../testing/handler-harness.ts';

export interface EmfCost {
  readonly request: string;
  /** AWS calls the request made, by command. */
  readonly byCommand: Record<string, number>;
  /** Calls beyond those the request needs without monitoring (its figures in queue-call-costs): the target is 0. */
  readonly extraCalls: number;
  readonly emfBytes: number;
  readonly emfRecords: number;
}

export interface OverviewCost {
  readonly queues: number;
  readonly streams: number;
  readonly byCommand: Record<string, number>;
}

/** Hands each EMF line the handler's Powertools Metrics writes to stdout to `onLine` (instead of printing it) until the returned restore is called. */
export function captureEmf(onLine: (line: string) => void): () => void {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    String(chunk).split('\n').filter((line) => line.includes('"_aws"')).forEach(onLine);
    return true;
  }) as typeof process.stdout.write;
  return () => {
    process.stdout.write = write;
  };
}

/** Runs `action` with stdout captured: what the handler's Powertools Metrics wrote. */
async function emfDuring(action: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const restore = captureEmf((line) => lines.push(line));
  try {
    await action();
  } finally {
    restore();
  }
  return lines;
}

/** The EMF bytes and AWS calls of one request of each kind that emits metrics, on an unmonitored queue (broker-wide records only). */
export async function emfCosts(api: ApiClient, counter: CallCounter, queue: string): Promise<EmfCost[]> {
  const costs: EmfCost[] = [];
  const measure = async (request: string, callsWithout: number, action: () => Promise<unknown>) => {
    counter.reset();
    const lines = await emfDuring(action);
    costs.push({ request, byCommand: Object.fromEntries(counter.counts), extraCalls: counter.total() - callsWithout, emfBytes: lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0), emfRecords: lines.length });
  };
  await api.post(`/v1/queues/${queue}/messages`, { body: 'warm' }); // the declaration cache
  await api.post(`/v1/queues/${queue}/receive`, { maxMessages: 10, ack: 'auto' });
  // Without monitoring: 10 SendMessageBatch; 1 ReceiveMessage; 1 DeleteMessageBatch; 2 GetQueueAttributes.
  await measure('publish 100', 10, () => api.post(`/v1/queues/${queue}/messages`, { messages: Array.from({ length: 100 }, (_, i) => ({ body: i })) }));
  let receipts: string[] = [];
  await measure('receive 10', 1, async () => {
    receipts = (await api.post(`/v1/queues/${queue}/receive`, { maxMessages: 10 })).json.messages.map((m: { receipt: string }) => m.receipt);
  });
  await measure('ack 10', 1, () => api.post(`/v1/queues/${queue}/ack`, { receipts }));
  await measure('describe queue (emits nothing)', 2, () => api.get(`/v1/queues/${queue}`));
  return costs;
}

/**
 * The AWS calls of one `GET /v1/overview` page holding every resource, with `queues` queues declared
 * in all (declares more as needed): per queue one GetQueueAttributes per priority level and one for
 * its dead letters, and one GetMetricData for the page's oldest-message ages (`counter` must count
 * the CloudWatch client too).
 */
export async function overviewCost(api: ApiClient, counter: CallCounter, queues: number): Promise<OverviewCost> {
  const before = (await api.get('/v1/overview?limit=500')).json;
  for (let n = before.queues.length; n < queues; n++) await api.put(`/v1/queues/bench-overview-${String(n).padStart(3, '0')}`);
  counter.reset();
  const { json } = await api.get('/v1/overview?limit=500');
  return { queues: json.queues.length, streams: json.streams.length, byCommand: Object.fromEntries(counter.counts) };
}
