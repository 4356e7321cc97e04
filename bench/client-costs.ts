import { PostroomClient } from '../client/index.ts';
import type { CallCounter } from '../testing/aws-call-counter.ts';
import type { ApiClient } from '../testing/handler-harness.ts';

export interface ClientConsumeCost {
  readonly messages: number;
  /** API requests by kind: receive, ack, nack. */
  readonly requests: Readonly<Record<string, number>>;
  /** AWS calls the API handler made for them. */
  readonly awsCalls: number;
}

/**
 * A fetch that hands each of the client's requests to the in-process API handler, as API Gateway
 * would, and counts them by their last path segment (`receive`, `ack`, `messages`…).
 */
function handlerFetch(api: ApiClient, requests: Map<string, number>) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const kind = url.pathname.split('/').at(-1)!;
    requests.set(kind, (requests.get(kind) ?? 0) + 1);
    const body = await request.text();
    const headers = Object.fromEntries(request.headers);
    const answer = await api.call({ method: request.method, path: `${url.pathname}${url.search}`, ...(body && { rawBody: body }), headers });
    return new Response(answer.json === undefined ? null : JSON.stringify(answer.json), { status: answer.status, headers: answer.headers });
  };
}

/**
 * The client's `queue.consume` loop on `count` messages (every handler succeeds): API requests and
 * AWS calls per message, to set beside the raw API's receive + ack of 10 per request.
 */
export async function clientConsumeCost(api: ApiClient, counter: CallCounter, queue: string, count: number): Promise<ClientConsumeCost> {
  const requests = new Map<string, number>();
  const client = new PostroomClient({ endpoint: 'http://127.0.0.1:4000', fetch: handlerFetch(api, requests) });
  await client.queue(queue).publish(Array.from({ length: count }, (_, i) => ({ body: { i, pad: 'x'.repeat(64) } })));
  requests.clear();
  counter.reset();
  const stop = new AbortController();
  let handled = 0;
  await client.queue(queue).consume(
    () => {
      if (++handled === count) stop.abort();
    },
    { signal: stop.signal, waitSeconds: 1 },
  );
  return { messages: count, requests: Object.fromEntries(requests), awsCalls: counter.total() };
}
