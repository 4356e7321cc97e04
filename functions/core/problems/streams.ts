import { ProblemError } from './problem.ts';
import type { SettingDifference } from './queues.ts';

/* Problems of streams, consumer groups and their members. */

/** The offsets a partition can be read from: [logStartOffset, highWatermark]. */
export interface OffsetBounds {
  readonly logStartOffset: number;
  readonly highWatermark: number;
}

export class InvalidStreamNameError extends ProblemError {
  constructor(name: string) {
    super({
      status: 400,
      code: 'invalid_stream_name',
      title: 'Invalid stream name',
      detail: `${JSON.stringify(name)} is not a valid stream name: use 1 to 249 letters, digits, '.', '_' or '-' (not "." or ".." alone), as Kafka topic names.`,
    });
  }
}

export class InvalidGroupNameError extends ProblemError {
  constructor(name: string) {
    super({
      status: 400,
      code: 'invalid_group_name',
      title: 'Invalid group name',
      detail: `${JSON.stringify(name)} is not a valid consumer group name: use 1 to 255 letters, digits, '.', '_' or '-'.`,
    });
  }
}

export class StreamNotFoundError extends ProblemError {
  /** `eventStore`: `name` is an event stream of that store (or has no event yet at the time read). */
  constructor(name: string, eventStore?: string) {
    super({
      status: 404,
      code: 'stream_not_found',
      title: 'Stream not found',
      detail:
        eventStore === undefined
          ? `Stream ${JSON.stringify(name)} does not exist; declare it with PUT /v1/streams/${name} first.`
          : `Event store ${JSON.stringify(eventStore)} has no stream ${JSON.stringify(name)} (at the time read); an event stream exists from its first append.`,
    });
  }
}

export class GroupNotFoundError extends ProblemError {
  constructor(stream: string, group: string) {
    super({
      status: 404,
      code: 'group_not_found',
      title: 'Consumer group not found',
      detail: `Consumer group ${JSON.stringify(group)} has no members and has committed no offsets on stream ${JSON.stringify(stream)}; a group exists once a member joins or it commits.`,
    });
  }
}

export class StreamExistsWithDifferentSettingsError extends ProblemError {
  constructor(name: string, differences: readonly SettingDifference[]) {
    const listed = differences.map((d) => `${d.setting} is ${d.existing}, not ${d.requested}`).join('; ');
    super({
      status: 409,
      code: 'stream_exists_with_different_settings',
      title: 'Stream exists with different settings',
      detail: `Stream ${JSON.stringify(name)} already exists with different settings (${listed}); declare it with its existing settings (only partitions may grow), or delete it first.`,
      extensions: { differences },
    });
  }
}

export class PartitionsCannotDecreaseError extends ProblemError {
  constructor(name: string, existing: number, requested: number) {
    super({
      status: 409,
      code: 'partitions_cannot_decrease',
      title: 'Partitions cannot decrease',
      detail: `Stream ${JSON.stringify(name)} has ${existing} partitions; a stream's partitions can be increased, never decreased (requested ${requested}).`,
      extensions: { partitions: existing, requested },
    });
  }
}

export class PartitionOutOfRangeError extends ProblemError {
  constructor(stream: string, partition: number, partitions: number) {
    super({
      status: 400,
      code: 'partition_out_of_range',
      title: 'Partition out of range',
      detail: `Stream ${JSON.stringify(stream)} has partitions 0 to ${partitions - 1}; there is no partition ${partition}.`,
      extensions: { partition, partitions },
    });
  }
}

/** An offset outside what a partition can read: below its log start, or above its high watermark. */
export class OffsetOutOfRangeError extends ProblemError {
  constructor(partition: number, offset: number, bounds: OffsetBounds) {
    super({
      status: 416,
      code: 'offset_out_of_range',
      title: 'Offset out of range',
      detail:
        offset > bounds.highWatermark
          ? `Offset ${offset} is above partition ${partition}'s high watermark ${bounds.highWatermark}: no record has been written there yet. Use an offset from ${bounds.logStartOffset} to ${bounds.highWatermark} (the high watermark is where the next record will go).`
          : `Offset ${offset} is below partition ${partition}'s log start ${bounds.logStartOffset}: its records have passed the stream's retention and are deleted. Use an offset from ${bounds.logStartOffset} to ${bounds.highWatermark} (a group can reset to "earliest").`,
      extensions: { partition, offset, ...bounds },
    });
  }
}

export class OutOfOrderSequenceError extends ProblemError {
  constructor(producerId: string, partition: number, sequence: number, expectedSequence: number) {
    super({
      status: 409,
      code: 'out_of_order_sequence',
      title: 'Out-of-order sequence',
      detail: `Producer ${JSON.stringify(producerId)} sent sequence ${sequence} to partition ${partition}, which expects ${expectedSequence}; nothing was appended. Resend the missing records first, or start a new producerId at sequence 0.`,
      extensions: { producerId, partition, sequence, expectedSequence },
    });
  }
}

export class RecordTooLargeError extends ProblemError {
  constructor(index: number, bytes: number, limit: number) {
    super({
      status: 413,
      code: 'record_too_large',
      title: 'Record too large',
      detail: `Record ${index} is ${bytes} bytes once encoded, over the limit of ${limit}; nothing was appended. Store large payloads elsewhere and append a reference.`,
      extensions: { index, bytes, limit },
    });
  }
}

export class RequestTooLargeError extends ProblemError {
  constructor(bytes: number, limit: number) {
    super({
      status: 413,
      code: 'request_too_large',
      title: 'Request too large',
      detail: `The records add up to ${bytes} bytes once encoded, over the limit of ${limit} per request; nothing was appended. Split them over several requests.`,
      extensions: { bytes, limit },
    });
  }
}

/** Other producers kept winning the race for the partition's end: nothing of this partition was appended. */
export class AppendContendedError extends ProblemError {
  constructor(stream: string, partition: number, attempts: number) {
    super({
      status: 503,
      code: 'append_contended',
      title: 'Append contended',
      detail: `Partition ${partition} of stream ${JSON.stringify(stream)} was appended to by others throughout ${attempts} attempts, until the request ran out of time; retry after a short wait (records of other partitions in the request may have been appended).`,
      extensions: { partition, attempts },
    });
  }
}

/** Kafka's ILLEGAL_GENERATION / REBALANCE_IN_PROGRESS: the group rebalanced since the member last joined. */
export class StaleGenerationError extends ProblemError {
  constructor(group: string, given: number, generation: number) {
    super({
      status: 409,
      code: 'stale_generation',
      title: 'Stale generation',
      detail: `Consumer group ${JSON.stringify(group)} is at generation ${generation}, not ${given}: it rebalanced. Join again (POST .../groups/${group}/members with your memberId) to get the new assignment; nothing was done.`,
      extensions: { generation },
    });
  }
}

/** Kafka's UNKNOWN_MEMBER_ID: the member left, or its session expired and its partitions moved. */
export class MemberNotFoundError extends ProblemError {
  constructor(group: string, memberId: string) {
    super({
      status: 404,
      code: 'member_not_found',
      title: 'Member not found',
      detail: `Consumer group ${JSON.stringify(group)} has no member ${JSON.stringify(memberId)}: it left or missed heartbeats past its session timeout. Join again to get an assignment.`,
      extensions: { memberId },
    });
  }
}

/** Other members kept changing the group between this request's read and its conditional write. */
export class MembershipContendedError extends ProblemError {
  constructor(group: string, attempts: number) {
    super({
      status: 503,
      code: 'membership_contended',
      title: 'Membership contended',
      detail: `Consumer group ${JSON.stringify(group)} was changed by other requests throughout ${attempts} attempts; retry after a short wait.`,
      extensions: { attempts },
    });
  }
}
