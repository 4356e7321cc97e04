import { describe, expect, it } from 'vitest';
import { PostroomClient, PostroomError } from '../../../client/index.ts';

/** A fetch that answers from a script and records what it was sent. */
function scriptedFetch(...answers: Array<() => Response>) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    const answer = answers[Math.min(requests.length, answers.length) - 1]!;
    return answer();
  };
  return { fetch, requests };
}

const problem = (status: number, code: string) => () =>
  Response.json({ type: `https://postroom.dev/problems/${code}`, title: code, status, code, detail: `${code} happened` }, { status, headers: { 'content-type': 'application/problem+json' } });
const gateway = (status: number, message: string) => () => Response.json({ message }, { status });
const published = () => Response.json({ messageIds: ['m-1'] }, { status: 202 });
const refused = () => {
  throw new TypeError('fetch failed');
};
const retry = { baseDelayMs: 1, maxDelayMs: 2 };

describe('client: errors', () => {
  it('throws a PostroomError with the problem document for a problem answer', async () => {
    const { fetch } = scriptedFetch(problem(404, 'queue_not_found'));
    const error = await new PostroomClient({ endpoint: 'http://127.0.0.1:1', fetch }).queue('q').describe().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PostroomError);
    expect(error).toMatchObject({ status: 404, code: 'queue_not_found', title: 'queue_not_found', detail: 'queue_not_found happened', message: '404 queue_not_found: queue_not_found happened' });
  });

  it("makes one of API Gateway's own answers a gateway_error with its message", async () => {
    const { fetch } = scriptedFetch(gateway(403, 'Forbidden'));
    const error = await new PostroomClient({ endpoint: 'http://127.0.0.1:1', fetch }).queues.list().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 403, code: 'gateway_error', detail: 'Forbidden', problem: { status: 403, code: 'gateway_error' } });
  });
});

describe('client: retries', () => {
  it('retries a publish on 503 and 429 with the same Idempotency-Key and body', async () => {
    const { fetch, requests } = scriptedFetch(gateway(503, 'Service Unavailable'), gateway(429, 'Too Many Requests'), published);
    const client = new PostroomClient({ endpoint: 'http://127.0.0.1:1', fetch, retry });
    expect(await client.queue('q').publish({ body: { n: 1 } })).toEqual({ messageIds: ['m-1'] });
    expect(requests).toHaveLength(3);
    const keys = new Set(requests.map((request) => request.headers.get('idempotency-key')));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[\x21-\x7e]{1,255}$/);
    expect(await Promise.all(requests.map((request) => request.text()))).toEqual(Array(3).fill('{"body":{"n":1}}'));
  });

  it('gives each publish request of a batch its own Idempotency-Key', async () => {
    const { fetch, requests } = scriptedFetch(() => Response.json({ messageIds: Array(100).fill('m') }, { status: 202 }), () => Response.json({ messageIds: ['m'] }, { status: 202 }));
    await new PostroomClient({ endpoint: 'http://127.0.0.1:1', fetch }).queue('q').publish(Array.from({ length: 101 }, (_, body) => ({ body })));
    expect(new Set(requests.map((request) => request.headers.get('idempotency-key'))).size).toBe(2);
  });

  it('retries a GET after network errors and 504, up to the attempts, then surfaces the last answer', async () => {
    const { fetch, requests } = scriptedFetch(refused, gateway(504, 'Gateway Timeout'), gateway(503, 'Service Unavailable'));
    const client = new PostroomClient({ endpoint: 'http://127.0.0.1:1', fetch, retry: { ...retry, attempts: 3 } });
    await expect(client.queue('q').describe()).rejects.toMatchObject({ status: 503, code: 'gateway_error' });
    expect(requests).toHaveLength(3);
  });

  it('does not retry a POST without an Idempotency-Key (a receive could lose its messages), nor a 4xx', async () => {
    const unavailable = scriptedFetch(gateway(503, 'Service Unavailable'));
    await expect(new PostroomClient({ endpoint: 'http://127.0.0.1:1', fetch: unavailable.fetch, retry }).queue('q').receive()).rejects.toMatchObject({ status: 503 });
    expect(unavailable.requests).toHaveLength(1);

    const notFound = scriptedFetch(problem(404, 'queue_not_found'));
    await expect(new PostroomClient({ endpoint: 'http://127.0.0.1:1', fetch: notFound.fetch, retry }).queue('q').describe()).rejects.toMatchObject({ status: 404 });
    expect(notFound.requests).toHaveLength(1);
  });

  it('rethrows a network error once the attempts run out, and sends once with retry: false', async () => {
    const { fetch, requests } = scriptedFetch(refused);
    await expect(new PostroomClient({ endpoint: 'http://127.0.0.1:1', fetch, retry: false }).queues.list()).rejects.toThrow(TypeError);
    expect(requests).toHaveLength(1);
  });
});
