import { describe, expect, it } from 'vitest';
import { bind, declareExchange, publishTo } from '../support/exchanges.ts';
import { deadLetters, declareQueue, nack, publish, receive } from '../support/queues.ts';

/** The claim check seen from outside: payloads over SNS's and SQS's limits come back as sent. */
describe('queues: large messages', () => {
  const fiveMiB = 5 * 1024 * 1024;

  it('delivers a 5 MiB exchange message to every bound queue intact', async () => {
    const exchange = await declareExchange('fanout');
    const queues = [await declareQueue(), await declareQueue()];
    for (const queue of queues) await bind({ exchange, queue });
    const body = 'f'.repeat(fiveMiB - 2);

    expect(await publishTo(exchange, { body, headers: { kind: 'large' } })).toMatchObject({ routedTo: 2 });
    for (const queue of queues) {
      const [message] = await receive(queue, { waitSeconds: 1 });
      expect(message).toMatchObject({ headers: { kind: 'large' } });
      expect(message!.body === body).toBe(true);
    }
  });

  it('keeps a 2 MiB binary queue message byte for byte through a reject into the dead letters', async () => {
    const queue = await declareQueue();
    const bodyBase64 = Buffer.alloc(1536 * 1024, 7).toString('base64');
    await publish(queue, { bodyBase64 });

    const [message] = await receive(queue, { waitSeconds: 1 });
    await nack(queue, [message!.receipt], { requeue: false });
    const [letter] = await deadLetters(queue);

    expect(message!.bodyBase64 === bodyBase64).toBe(true);
    expect(letter).toMatchObject({ messageId: message!.messageId, reason: 'rejected' });
    expect(letter!.bodyBase64 === bodyBase64).toBe(true);
  });
});
