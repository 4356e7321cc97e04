import { describe, expect, it } from 'vitest';
import { call } from '../support/client.ts';
import { ack, declareQueue, publish, queuePath, receive } from '../support/queues.ts';

describe('queues: ack modes on receive', () => {
  it('explicit (the default) is at-least-once: an unacked message comes back', async () => {
    const name = await declareQueue();
    await publish(name, { body: 'work', messageId: 'explicit-1' });

    const [first] = await receive(name, { waitSeconds: 5, visibilityTimeoutSeconds: 0 });
    const [again] = await receive(name, { waitSeconds: 5 });

    expect(first).toMatchObject({ messageId: 'explicit-1', receipt: expect.any(String) });
    expect(again).toMatchObject({ messageId: 'explicit-1', deliveryCount: 2 });
    expect(await ack(name, [again!.receipt])).toEqual({ acked: 1, failures: [] });
  });

  it('auto is at-most-once: the message is deleted on delivery and has no receipt', async () => {
    const name = await declareQueue();
    await publish(name, { body: 'fire and forget', messageId: 'auto-1' });

    const [message, ...rest] = await receive(name, { ack: 'auto', waitSeconds: 5, visibilityTimeoutSeconds: 0 });

    expect(rest).toEqual([]);
    expect(message).toMatchObject({ messageId: 'auto-1', body: 'fire and forget', deliveryCount: 1 });
    expect(message).not.toHaveProperty('receipt');
    expect(await receive(name, { waitSeconds: 1, visibilityTimeoutSeconds: 0 })).toEqual([]);
  });

  it('rejects an unknown ack mode with 400', async () => {
    const name = await declareQueue();

    const response = await call('POST', `${queuePath(name)}/receive`, { ack: 'never' });

    expect(response.status).toBe(400);
  });
});
