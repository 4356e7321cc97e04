import { describe, expect, it, vi } from 'vitest';
import { CompanionRejectedError, PartitionAppender } from '../../../functions/adapters/partition-appender.ts';
import type { PartitionTails, Tail } from '../../../functions/adapters/partition-tails.ts';
import type { AppendOutcome, AppendPlan, SegmentStore } from '../../../functions/adapters/segment-store.ts';
import type { StreamDeclaration } from '../../../functions/adapters/stream-registry.ts';
import { AppendContendedError, OutOfOrderSequenceError, StreamNotFoundError } from '../../../functions/core/problems/index.ts';
import { packRecord } from '../../../functions/core/streams/record-codec.ts';

const stream: StreamDeclaration = { name: 's', incarnation: 'i', settings: { partitions: 1, retentionHours: 1 }, createdAt: '' };
const records = ['a', 'b'].map((value) => packRecord({ key: null, value, headers: {} }));
const NOW = 1_000_000;

/** An appender over a store that answers `outcomes` in turn and a table whose tail is `tail`. */
function appenderWith(outcomes: AppendOutcome[], tail: Tail | undefined = { end: 5, timestamp: 0 }) {
  const plans: AppendPlan[] = [];
  const store = { append: vi.fn(async (plan: AppendPlan) => (plans.push(plan), outcomes.shift() ?? { ok: true })) };
  const tails = {
    get: vi.fn(async () => {
      if (tail === undefined) throw new StreamNotFoundError(stream.name);
      return tail;
    }),
  };
  const appender = new PartitionAppender(store as unknown as SegmentStore, tails as unknown as PartitionTails, () => NOW, () => 0);
  return { appender, plans, tails };
}

describe('Class: PartitionAppender', () => {
  it('reads the tail when cold, appends at its end, and builds on what it wrote when warm', async () => {
    const { appender, plans, tails } = appenderWith([]);

    const first = await appender.append(stream, 0, records, Infinity);
    const second = await appender.append(stream, 0, records, Infinity);

    expect([first, second]).toEqual([{ baseOffset: 5, timestamp: NOW }, { baseOffset: 7, timestamp: NOW }]);
    expect(tails.get).toHaveBeenCalledTimes(1);
    expect(plans.map((plan) => [plan.expectedEnd, plan.segments[0]!.base])).toEqual([[5, 5], [7, 7]]);
    expect(plans[0]!.expiresAt).toBe(Math.ceil((NOW + 3_600_000) / 1000));
  });

  it('retries at once at the end a lost append was told, with a timestamp no earlier than the winner\'s', async () => {
    const { appender, plans, tails } = appenderWith([{ ok: false, tail: { end: 9, timestamp: NOW + 50 } }]);

    const appended = await appender.append(stream, 0, records, Infinity);

    expect(appended).toEqual({ baseOffset: 9, timestamp: NOW + 50 });
    expect(plans.map((plan) => plan.expectedEnd)).toEqual([5, 9]);
    expect(tails.get).toHaveBeenCalledTimes(1);
  });

  it('writes companions in every attempt and stops, keeping the tail it was told, when one fails its condition', async () => {
    const companion = { Put: { TableName: 't', Item: { pk: 'head' } } };
    const { appender, plans, tails } = appenderWith([
      { ok: false, tail: { end: 9, timestamp: 0 } },
      { ok: false, tail: { end: 11, timestamp: 0 }, companion: { index: 0, item: { pk: 'head', version: 3 } } },
    ]);

    const rejected = await appender.append(stream, 0, records, Infinity, undefined, [companion]).catch((error: unknown) => error);

    expect(rejected).toBeInstanceOf(CompanionRejectedError);
    expect(rejected).toMatchObject({ index: 0, item: { pk: 'head', version: 3 } });
    expect(plans.map((plan) => [plan.expectedEnd, plan.companions])).toEqual([[5, [companion]], [9, [companion]]]);
    await appender.append(stream, 0, records, Infinity);
    expect(plans.at(-1)!.expectedEnd).toBe(11);
    expect(tails.get).toHaveBeenCalledTimes(1);
  });

  it('reads the tail again after colliding with a transaction in flight', async () => {
    const { appender, tails } = appenderWith([{ ok: false }]);

    await appender.append(stream, 0, records, Infinity);

    expect(tails.get).toHaveBeenCalledTimes(2);
  });

  it('answers 404 when the tail is gone (the stream was deleted)', async () => {
    const { appender } = appenderWith([{ ok: false, tail: null }]);

    await expect(appender.append(stream, 0, records, Infinity)).rejects.toThrow(StreamNotFoundError);
  });

  it('gives up with 503 append_contended once the deadline has passed', async () => {
    const { appender } = appenderWith([{ ok: false, tail: { end: 6, timestamp: 0 } }]);

    await expect(appender.append(stream, 0, records, NOW)).rejects.toThrow(AppendContendedError);
  });

  it('writes the producer\'s sequences with the append, and judges again when the producer\'s state changed meanwhile', async () => {
    const producer = { producerId: 'p', key: 'k', sequence: 3, previous: { firstSequence: 0, lastSequence: 2, baseOffset: 0, timestamp: 0 } };
    const duplicate = { firstSequence: 3, lastSequence: 4, baseOffset: 42, timestamp: 7 };
    const { appender, plans } = appenderWith([{ ok: false, producer: duplicate }]);

    const appended = await appender.append(stream, 0, records, Infinity, producer);

    expect(plans[0]!.producer).toMatchObject({ key: 'k', previous: producer.previous, next: { firstSequence: 3, lastSequence: 4, baseOffset: 5, timestamp: NOW } });
    expect(appended).toEqual({ baseOffset: 42, timestamp: 7 });
  });

  it('refuses an append whose producer moved past it meanwhile with 409 out_of_order_sequence', async () => {
    const producer = { producerId: 'p', key: 'k', sequence: 3, previous: undefined };
    const { appender } = appenderWith([{ ok: false, producer: { firstSequence: 5, lastSequence: 6, baseOffset: 0, timestamp: 0 } }]);

    await expect(appender.append(stream, 0, records, Infinity, producer)).rejects.toThrow(OutOfOrderSequenceError);
  });
});
