import { beforeAll, describe, expect, it } from 'vitest';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const own = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

let queueApi: QueueApi;

beforeAll(async () => {
  queueApi = await startQueueApi();
});

describe('W3C trace context', () => {
  it("carries a publish's traceparent to the consumer in each message's headers, keeping a message's own", async () => {
    const { api, uniqueName } = queueApi;
    const queue = uniqueName('traced');
    await api.put(`/v1/queues/${queue}`);
    const messages = [{ messageId: 'a', body: 1 }, { messageId: 'b', body: 2, headers: { traceparent: own } }];
    expect((await api.call({ method: 'POST', path: `/v1/queues/${queue}/messages`, json: { messages }, headers: { traceparent } })).status).toBe(202);
    await api.post(`/v1/queues/${queue}/messages`, { messageId: 'c', body: 3 });

    const { json } = await api.post(`/v1/queues/${queue}/receive`, { maxMessages: 10, ack: 'auto' });

    const headersById = Object.fromEntries(json.messages.map((message: { messageId: string; headers: object }) => [message.messageId, message.headers]));
    expect(headersById).toEqual({ a: { traceparent }, b: { traceparent: own }, c: {} });
  });

  it("carries a produce's traceparent in each record's headers, and ignores one that is not W3C", async () => {
    const { api, uniqueName } = queueApi;
    const stream = uniqueName('traced');
    await api.put(`/v1/streams/${stream}`, { partitions: 1 });
    await api.call({ method: 'POST', path: `/v1/streams/${stream}/records`, json: { records: [{ value: 1 }] }, headers: { traceparent } });
    await api.call({ method: 'POST', path: `/v1/streams/${stream}/records`, json: { records: [{ value: 2 }] }, headers: { traceparent: 'not-a-trace' } });

    const { json } = await api.get(`/v1/streams/${stream}/partitions/0/records?offset=0`);

    expect(json.records.map((record: { headers: object }) => record.headers)).toEqual([{ traceparent }, {}]);
  });
});
