/** What a partition remembers of an idempotent producer: the last batch it accepted from it. */
export interface ProducerState {
  readonly firstSequence: number;
  readonly lastSequence: number;
  /** Offset of the batch's first record; the others follow it. */
  readonly baseOffset: number;
  readonly timestamp: number;
}

export type SequenceVerdict =
  | { readonly kind: 'append' }
  | { readonly kind: 'duplicate'; readonly state: ProducerState }
  | { readonly kind: 'outOfOrder'; readonly expectedSequence: number };

/**
 * Kafka's idempotent-producer check for a batch of `count` records whose first has `sequence`: the
 * next sequence appends; a repeat of the last accepted batch is a duplicate, answered with its
 * original offsets; anything else is out of order. A producer the partition has no state for must
 * start at 0. Only the last batch is remembered (Kafka keeps five), so only it can be retried.
 */
export function judgeSequence(state: ProducerState | undefined, sequence: number, count: number): SequenceVerdict {
  const expectedSequence = state === undefined ? 0 : state.lastSequence + 1;
  if (sequence === expectedSequence) return { kind: 'append' };
  if (state && sequence === state.firstSequence && sequence + count - 1 === state.lastSequence) return { kind: 'duplicate', state };
  return { kind: 'outOfOrder', expectedSequence };
}

/**
 * How long a partition remembers a producer after its last append (Kafka's
 * transactional.id.expiration.ms default); after that the producer starts again at sequence 0.
 */
export const PRODUCER_STATE_RETENTION_MS = 7 * 24 * 3_600_000;
