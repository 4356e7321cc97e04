import { describe, expect, it } from 'vitest';
import { exchangeGroupId, fifoQueueNames, isFifoQueueUrl, sqsIdFor } from '../../../functions/core/fifo.ts';
import { assertNoFifoDelays, groupIdSchema } from '../../../functions/core/fifo-requests.ts';
import { InvalidRequestError } from '../../../functions/core/problems/index.ts';
import { SqsQueueNaming } from '../../../functions/core/sqs-queue-names.ts';
import { SqsLimits } from '../../../functions/core/sqs-limits.ts';

describe('fifoQueueNames', () => {
  it('suffixes the queue and its dead-letter queue with .fifo, within SQS length, keeping the target id', () => {
    const names = new SqsQueueNaming('p'.repeat(20)).namesFor('n'.repeat(128));
    const fifo = fifoQueueNames(names);

    expect(fifo).toEqual({ queue: `${names.queue}.fifo`, deadLetterQueue: `${names.deadLetterQueue}.fifo`, targetId: names.targetId });
    expect(fifo.deadLetterQueue.length).toBeLessThanOrEqual(SqsLimits.maxQueueNameLength);
    expect(isFifoQueueUrl(`https://sqs/123/${fifo.queue}`)).toBe(true);
    expect(isFifoQueueUrl(`https://sqs/123/${names.queue}`)).toBe(false);
  });
});

describe('groupIdSchema', () => {
  it.each(['a', 'customer-7', 'x'.repeat(128), '!#$%&()*+,./:;<=>?@[]^_`{|}~'])('accepts %j', (groupId) => {
    expect(groupIdSchema.safeParse(groupId).success).toBe(true);
  });

  it.each(['', 'x'.repeat(129), 'has space', 'é'])('rejects %j', (groupId) => {
    expect(groupIdSchema.safeParse(groupId).success).toBe(false);
  });
});

describe('sqsIdFor', () => {
  it('keeps a value SQS allows and hashes one it does not', () => {
    expect(sqsIdFor('order-42')).toBe('order-42');
    expect(sqsIdFor('order 42')).toMatch(/^[0-9a-f]{64}$/);
    expect(sqsIdFor('order 42')).not.toBe(sqsIdFor('order 43'));
  });
});

describe('exchangeGroupId', () => {
  it('is the groupId, else the routing key, else the default group', () => {
    expect(exchangeGroupId('g', 'orders.eu')).toBe('g');
    expect(exchangeGroupId(undefined, 'orders.eu')).toBe('orders.eu');
    expect(exchangeGroupId(undefined, '')).toBe('default');
    expect(exchangeGroupId(undefined, 'a b')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('assertNoFifoDelays', () => {
  const messages = [{ delaySeconds: 5 }, { delaySeconds: undefined }, { delaySeconds: 0 }];

  it('refuses delaySeconds only on messages bound for a fifo queue', () => {
    expect(() => assertNoFifoDelays(messages, (index) => index === 1, String)).not.toThrow();
    expect(() => assertNoFifoDelays(messages, () => true, (index) => `messages.${index}.delaySeconds`)).toThrow(
      expect.objectContaining({
        constructor: InvalidRequestError,
        extensions: {
          errors: [
            { path: 'messages.0.delaySeconds', message: expect.any(String) },
            { path: 'messages.2.delaySeconds', message: expect.any(String) },
          ],
        },
      }),
    );
  });
});
