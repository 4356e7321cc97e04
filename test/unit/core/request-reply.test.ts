import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isOrphanedReplyQueue,
  isReplyAddress,
  isReplyQueueName,
  MAX_RPC_TIMEOUT_MS,
  newReplyAddress,
  ORPHANED_REPLY_QUEUE_AGE_MS,
  replyPollSeconds,
  replyQueueName,
  replyQueueNamePrefix,
} from '../../../functions/core/request-reply.ts';
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

describe('reply queue names', () => {
  const address = `rpc-${'0a'.repeat(16)}`;

  it("start with the stack's reply-queue prefix, by which ListQueues finds them", () => {
    expect(replyQueueName('p_', address).startsWith(replyQueueNamePrefix('p_'))).toBe(true);
  });

  it.each([
    [`p_${address}`, true],
    [address, false],
    [`q_${address}`, false],
    [`p_${address}x`, false],
    [`p_${address}-dlq`, false],
    [`p_rpc-orders-1a2b3c4d`, false],
    ['p_rpc-', false],
  ])('%s is a reply queue of prefix p_: %s', (name, expected) => {
    expect(isReplyQueueName('p_', name)).toBe(expected);
  });

  it("never take a Postroom queue's SQS queue for a reply queue, even one named like a reply address", () => {
    const naming = new SqsQueueNaming('p_');
    fc.assert(
      fc.property(fc.oneof(fc.string({ minLength: 1, maxLength: 128 }), fc.constant(address)), (queue) => {
        const { queue: sqsName, deadLetterQueue } = naming.namesFor(queue);
        for (const name of [sqsName, deadLetterQueue]) expect(isReplyQueueName('p_', name)).toBe(false);
      }),
    );
  });
});

describe('isOrphanedReplyQueue', () => {
  const createdAtSeconds = 1_700_000_000;
  const createdAtMs = createdAtSeconds * 1000;

  it('waits far longer than the longest call before taking a queue for orphaned', () => {
    expect(ORPHANED_REPLY_QUEUE_AGE_MS).toBeGreaterThanOrEqual(10 * MAX_RPC_TIMEOUT_MS);
  });

  it.each([
    ['just created', 0, false],
    ['in the longest call', MAX_RPC_TIMEOUT_MS, false],
    ['exactly the grace period old', ORPHANED_REPLY_QUEUE_AGE_MS, false],
    ['past the grace period', ORPHANED_REPLY_QUEUE_AGE_MS + 1, true],
    ['a day old', 86_400_000, true],
    ['created "in the future" (clock skew)', -60_000, false],
  ])('%s: %s', (_, ageMs, expected) => {
    expect(isOrphanedReplyQueue(createdAtSeconds, createdAtMs + ageMs)).toBe(expected);
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
