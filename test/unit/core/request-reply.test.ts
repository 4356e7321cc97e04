import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isReplyAddress, newReplyAddress, replyPollSeconds, replyQueueName } from '../../../functions/core/request-reply.ts';
import { MAX_PREFIX_LENGTH, SqsQueueNaming } from '../../../functions/core/sqs-queue-names.ts';
import { SqsLimits } from '../../../functions/core/sqs-limits.ts';

describe('reply addresses', () => {
  it('are fresh "rpc-" and 32 hex digits each time', () => {
    const addresses = Array.from({ length: 100 }, newReplyAddress);

    expect(addresses.every(isReplyAddress)).toBe(true);
    expect(new Set(addresses).size).toBe(100);
  });

  it.each(['rpc-', `rpc-${'A'.repeat(32)}`, `rpc-${'a'.repeat(31)}`, `rpc-${'a'.repeat(33)}`, `xrpc-${'a'.repeat(32)}`, 'orders'])('refuses %s', (value) => {
    expect(isReplyAddress(value)).toBe(false);
  });

  it("name an SQS queue within the longest prefix and SQS's 80 characters", () => {
    const name = replyQueueName('p'.repeat(MAX_PREFIX_LENGTH), newReplyAddress());

    expect(name).toMatch(/^p{20}rpc-[0-9a-f]{32}$/);
    expect(name.length).toBeLessThanOrEqual(SqsLimits.maxQueueNameLength);
  });

  it("never name a Postroom queue's SQS queue, so a reply cannot reach a user queue", () => {
    const naming = new SqsQueueNaming('p-');
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 128 }), (queue) => {
        const { queue: sqsName, deadLetterQueue } = naming.namesFor(queue);
        for (const name of [sqsName, deadLetterQueue]) expect(isReplyAddress(name.slice('p-'.length))).toBe(false);
      }),
    );
    expect(isReplyAddress(naming.namesFor(`rpc-${'a'.repeat(32)}`).queue.slice('p-'.length))).toBe(false);
  });
});

describe('replyPollSeconds', () => {
  it.each([
    [1, 1],
    [999, 1],
    [1_000, 1],
    [1_001, 2],
    [5_000, 5],
    [20_000, 20],
    [25_000, 20],
  ])('long-polls %i ms left with WaitTimeSeconds %i: one receive up to 20 s', (remainingMs, seconds) => {
    expect(replyPollSeconds(remainingMs)).toBe(seconds);
  });
});
