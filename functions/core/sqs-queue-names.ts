import { createHash } from 'node:crypto';
import { SqsLimits } from './sqs-limits.ts';

/** SQS queue names for one Postroom queue. */
export interface SqsQueueNames {
  readonly queue: string;
  readonly deadLetterQueue: string;
  /**
   * The hash part of the name: the short, stable id the fan-out topic addresses the queue by (its
   * subscription's filter policy), so a message for 50 queues carries 50 short ids.
   */
  readonly targetId: string;
}

export const MAX_PREFIX_LENGTH = 20;
const HASH_LENGTH = 8;
const DEAD_LETTER_SUFFIX = '-dlq';
/** Room for the `.fifo` that FIFO queues' names end in (see fifo.ts). */
const FIFO_SUFFIX_ROOM = '.fifo'.length;
const sqsNameCharacters = /^[A-Za-z0-9_-]*$/;

export class InvalidQueuePrefixError extends Error {
  constructor(prefix: string) {
    super(
      `queue name prefix ${JSON.stringify(prefix)} must be at most ${MAX_PREFIX_LENGTH} letters, digits, '_' or '-'`,
    );
    this.name = 'InvalidQueuePrefixError';
  }
}

/**
 * Maps Postroom queue names to SQS names: `${prefix}${slug}-${hash}`, and the same with `-dlq`.
 * SQS allows neither '.' nor more than 80 characters, so the slug is the name with '.' → '_',
 * truncated; the hash (of the exact name) keeps `a.b` and `a_b`, and long names sharing a start,
 * apart. Every name stays ≤ 80 characters even with `-dlq` and a `.fifo` suffix.
 */
export class SqsQueueNaming {
  readonly #prefix: string;
  readonly #slugRoom: number;

  /** @throws InvalidQueuePrefixError when the prefix is too long or has characters SQS rejects. */
  constructor(prefix: string) {
    if (prefix.length > MAX_PREFIX_LENGTH || !sqsNameCharacters.test(prefix)) throw new InvalidQueuePrefixError(prefix);
    this.#prefix = prefix;
    this.#slugRoom =
      SqsLimits.maxQueueNameLength - FIFO_SUFFIX_ROOM - DEAD_LETTER_SUFFIX.length - prefix.length - 1 - HASH_LENGTH;
  }

  namesFor(name: string): SqsQueueNames {
    const hash = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, HASH_LENGTH);
    const slug = name.replaceAll('.', '_').slice(0, this.#slugRoom);
    const queue = `${this.#prefix}${slug}-${hash}`;
    return { queue, deadLetterQueue: `${queue}${DEAD_LETTER_SUFFIX}`, targetId: hash };
  }
}

/**
 * The SQS queue and fan-out target id of priority level `level` (1..10) of a queue (level 0 is the
 * queue itself). `-p10` is no longer than `-dlq`, so these names stay within the same bound.
 */
export const priorityLevelNames = (names: SqsQueueNames, level: number): { readonly queue: string; readonly targetId: string } => ({
  queue: `${names.queue}-p${level}`,
  targetId: `${names.targetId}-${level}`,
});

/** The SQS queue name in a queue URL (its last path segment), as CloudWatch's `QueueName` dimension names the queue. */
export const sqsQueueNameOf = (queueUrl: string): string => queueUrl.slice(queueUrl.lastIndexOf('/') + 1);
