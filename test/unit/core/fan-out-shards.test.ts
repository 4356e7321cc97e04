import { describe, expect, it } from 'vitest';
import { cheaperDirect, placeQueue, shardTopicArn, shardTopicName, slotsFor } from '../../../functions/core/fan-out-shards.ts';

describe('placeQueue', () => {
  it('starts in shard 0, which exists before any usage is recorded', () => {
    expect(placeQueue([], 1, 5)).toBe(0);
  });

  it('fills the lowest shard with room, so that slots freed by a deleted queue are reused first', () => {
    const usage = [{ shard: 0, used: 5 }, { shard: 1, used: 4 }, { shard: 2, used: 5 }];
    expect(placeQueue(usage, 1, 5)).toBe(1);
    expect(placeQueue([{ shard: 0, used: 0 }, ...usage.slice(1)], 1, 5)).toBe(0);
  });

  it('opens the next shard when none has room for all of a queue’s slots', () => {
    const usage = [{ shard: 0, used: 5 }, { shard: 1, used: 3 }];
    expect(placeQueue(usage, 3, 5)).toBe(2);
    expect(placeQueue(usage, 2, 5)).toBe(1);
  });

  it('takes a shard missing from the usage (never used) before opening one past the highest', () => {
    expect(placeQueue([{ shard: 0, used: 5 }, { shard: 2, used: 5 }], 1, 5)).toBe(1);
  });

  it('refuses a queue needing more slots than a whole shard holds', () => {
    expect(placeQueue([], slotsFor(5), 5)).toBeUndefined();
    expect(placeQueue([], slotsFor(4), 5)).toBe(0);
  });
});

describe('slotsFor', () => {
  it('counts one subscription for the queue and one per priority level', () => {
    expect(slotsFor(undefined)).toBe(1);
    expect(slotsFor(10)).toBe(11);
  });
});

describe('shard topics', () => {
  const stackTopic = 'arn:aws:sns:eu-west-1:123456789012:Postroom-FanOutTopicABC';

  it('keeps the stack’s own topic as shard 0 and names the others under the prefix beside it', () => {
    expect(shardTopicArn(stackTopic, 'Postroom_', 0)).toBe(stackTopic);
    expect(shardTopicName('Postroom_', 3)).toBe('Postroom_fan-out-3');
    expect(shardTopicArn(stackTopic, 'Postroom_', 3)).toBe('arn:aws:sns:eu-west-1:123456789012:Postroom_fan-out-3');
  });
});

describe('cheaperDirect (queues × $0.40 per million SQS sends against shards × $0.50 per million SNS publishes)', () => {
  it.each([
    [1, 1, true],
    [2, 1, false],
    [2, 2, true],
    [3, 2, false],
    [3, 3, true],
    [4, 3, false],
    [5, 4, false],
    [6, 5, true],
    [50, 1, false],
  ])('%i queues in %i shards: direct %s', (queues, shards, direct) => {
    expect(cheaperDirect(queues, shards)).toBe(direct);
  });
});
