import { describe, expect, it } from 'vitest';
import { InvalidQueuePrefixError, priorityLevelNames, SqsQueueNaming } from '../../../functions/core/sqs-queue-names.ts';

const sqsName = /^[A-Za-z0-9_-]{1,80}$/;

describe('SqsQueueNaming', () => {
  it('builds prefix, slug and hash, and a -dlq twin', () => {
    const names = new SqsQueueNaming('postroom-').namesFor('orders.eu');

    expect(names.queue).toMatch(/^postroom-orders_eu-[0-9a-f]{8}$/);
    expect(names.deadLetterQueue).toBe(`${names.queue}-dlq`);
  });

  it('keeps names valid and at most 80 characters with a .fifo suffix, for the longest prefix and name', () => {
    const naming = new SqsQueueNaming('p'.repeat(20));
    const longest = 'a.'.repeat(64);

    const names = naming.namesFor(longest);

    for (const name of [names.queue, names.deadLetterQueue, priorityLevelNames(names, 10).queue]) {
      expect(name).toMatch(sqsName);
      expect(`${name}.fifo`.length).toBeLessThanOrEqual(80);
    }
    expect(`${names.deadLetterQueue}.fifo`).toHaveLength(80);
  });

  it("names a priority level's queue and target id after the queue's, with the level", () => {
    const names = new SqsQueueNaming('postroom-').namesFor('orders');

    expect(priorityLevelNames(names, 3)).toEqual({ queue: `${names.queue}-p3`, targetId: `${names.targetId}-3` });
  });

  it('maps names that differ only in . and _ to different queues', () => {
    const naming = new SqsQueueNaming('');

    expect(naming.namesFor('a.b').queue).not.toBe(naming.namesFor('a_b').queue);
  });

  it('maps long names that share their start to different queues', () => {
    const naming = new SqsQueueNaming('x-');
    const stem = 'n'.repeat(100);

    expect(naming.namesFor(`${stem}1`).queue).not.toBe(naming.namesFor(`${stem}2`).queue);
  });

  it('keeps the mapping fixed, since a change would orphan every existing queue', () => {
    expect(new SqsQueueNaming('p-').namesFor('jobs')).toEqual({
      queue: 'p-jobs-5d9a17cb',
      deadLetterQueue: 'p-jobs-5d9a17cb-dlq',
      targetId: '5d9a17cb',
    });
  });

  it.each([['p'.repeat(21)], ['has.dot'], ['has space']])('rejects the prefix %j', (prefix) => {
    expect(() => new SqsQueueNaming(prefix)).toThrow(InvalidQueuePrefixError);
  });
});
