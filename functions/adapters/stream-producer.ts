import { partitionKey, producerKey } from '../core/streams/log-keys.ts';
import type { PartitionSlice } from '../core/streams/partition-slices.ts';
import type { ProducerSequence } from '../core/streams/produce-request.ts';
import { OutOfOrderSequenceError } from '../core/problems/index.ts';
import { judgeSequence } from '../core/streams/producer-sequence.ts';
import type { PackedRecord } from '../core/streams/record-codec.ts';
import type { Appended, PartitionAppender } from './partition-appender.ts';
import type { ProducerStates } from './producer-states.ts';
import type { StreamDeclaration } from './stream-registry.ts';

/**
 * Appends a request's records, partition by partition, all partitions at once. Each partition's
 * append is atomic, the request as a whole is not: a crash or a 503 between partitions leaves some
 * appended and others not, as a Kafka produce request to several partitions can. An idempotent
 * producer can then resend the request whole: appended partitions answer as duplicates.
 */
export class StreamProducer {
  readonly #appender: PartitionAppender;
  readonly #producerStates: ProducerStates;

  constructor(appender: PartitionAppender, producerStates: ProducerStates) {
    this.#appender = appender;
    this.#producerStates = producerStates;
  }

  /** One result per slice, in slice order. */
  async produce(
    stream: StreamDeclaration,
    slices: readonly PartitionSlice[],
    records: readonly PackedRecord[],
    deadline: number,
    producer?: ProducerSequence,
  ): Promise<Appended[]> {
    const recordsOf = (slice: PartitionSlice) => slice.indexes.map((index) => records[index]!);
    if (producer === undefined) return settled(slices.map((slice) => this.#appender.append(stream, slice.partition, recordsOf(slice), deadline)));

    // Every partition's sequence is checked before anything is written, so that an out-of-order
    // request appends nothing (unless the same producer races itself).
    const keys = slices.map((slice) => producerKey(partitionKey(stream, slice.partition), producer.producerId));
    const states = await this.#producerStates.getMany(keys);
    const verdicts = slices.map((slice, index) => judgeSequence(states.get(keys[index]!), producer.sequence, slice.indexes.length));
    verdicts.forEach((verdict, index) => {
      if (verdict.kind === 'outOfOrder') throw new OutOfOrderSequenceError(producer.producerId, slices[index]!.partition, producer.sequence, verdict.expectedSequence);
    });
    return settled(
      slices.map(async (slice, index) => {
        const verdict = verdicts[index]!;
        if (verdict.kind === 'duplicate') return { baseOffset: verdict.state.baseOffset, timestamp: verdict.state.timestamp };
        return this.#appender.append(stream, slice.partition, recordsOf(slice), deadline, {
          producerId: producer.producerId,
          key: keys[index]!,
          sequence: producer.sequence,
          previous: states.get(keys[index]!),
        });
      }),
    );
  }
}

/**
 * Waits for every partition's append, then fails with the first failure, if any: the response
 * must not leave while appends of the same request are still under way (Lambda would freeze them
 * half-done, and a client retrying at once would race them).
 */
async function settled(appends: readonly Promise<Appended>[]): Promise<Appended[]> {
  const outcomes = await Promise.allSettled(appends);
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<Appended>).value);
}
