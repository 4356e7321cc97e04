import { rejectionAttributes } from '../core/dead-letter-record.ts';
import { SqsLimits } from '../core/sqs-limits.ts';
import type { EntryOutcome } from './aws-batch.ts';
import type { S3Payloads } from './s3-payloads.ts';
import type { SqsDelivery, SqsMessages } from './sqs-messages.ts';

/** A received message to reject, from its receipt. */
export interface Rejection {
  readonly receiptHandle: string;
  readonly messageBody: string;
  readonly deliveryCount: number;
  /** Its message group, on a FIFO queue. */
  readonly groupId?: string | undefined;
}

/**
 * Long-poll briefly while reading dead letters: a short poll samples only some SQS servers and
 * may come back empty from a queue that has messages, which would end a peek or redrive early.
 */
const DEAD_LETTER_WAIT_SECONDS = 1;
/** Peeked messages are hidden this long at most: long enough for a round trip, short if we crash. */
const PEEK_HIDE_SECONDS = 5;
/** Redriven messages are hidden while they are copied and deleted; scanned ones while a discard looks further. */
const REDRIVE_HIDE_SECONDS = 30;

/**
 * Moves messages into, out of, and reads, dead-letter queues, always copying before deleting. A
 * copy starts a new stay in SQS, so the payload objects of claimed messages are renewed first.
 */
export class SqsDeadLetters {
  readonly #messages: SqsMessages;
  readonly #payloads: Pick<S3Payloads, 'renew'>;

  constructor(messages: SqsMessages, payloads: Pick<S3Payloads, 'renew'>) {
    this.#messages = messages;
    this.#payloads = payloads;
  }

  /**
   * Copies each message to the dead-letter queue with its death recorded, THEN deletes it from
   * the queue: a crash in between duplicates a message but never loses one.
   */
  async reject(
    queueUrl: string,
    deadLetterQueueUrl: string,
    rejections: readonly Rejection[],
    at: Date,
  ): Promise<EntryOutcome[]> {
    await this.#payloads.renew(rejections.map((rejection) => rejection.messageBody));
    const copies = await this.#messages.send(
      deadLetterQueueUrl,
      rejections.map((rejection) => ({
        body: rejection.messageBody,
        attributes: rejectionAttributes(rejection.deliveryCount, at),
        // Kept, so that a redrive puts the message back in its group (a FIFO dead-letter queue needs one anyway).
        groupId: rejection.groupId,
      })),
    );
    const copied = rejections.flatMap((rejection, index) => (copies[index]?.ok ? [index] : []));
    const deletions = await this.#messages.delete(
      queueUrl,
      copied.map((index) => rejections[index]!.receiptHandle),
    );
    copied.forEach((index, position) => {
      copies[index] = deletions[position]!;
    });
    return copies;
  }

  /**
   * Up to `max` dead letters, left in place: received in rounds (hidden briefly, deduplicated by
   * SQS message id) until `max` or no new message, then made visible again at once.
   */
  async peek(deadLetterQueueUrl: string, max: number): Promise<SqsDelivery[]> {
    const seen = new Map<string, SqsDelivery>();
    const receiptHandles: string[] = [];
    try {
      while (seen.size < max) {
        const round = await this.#messages.receive(deadLetterQueueUrl, {
          maxMessages: Math.min(SqsLimits.maxReceiveMessages, max - seen.size),
          waitSeconds: DEAD_LETTER_WAIT_SECONDS,
          visibilityTimeoutSeconds: PEEK_HIDE_SECONDS,
          withAttributes: true,
        });
        receiptHandles.push(...round.map((message) => message.receiptHandle));
        const fresh = round.filter((message) => !seen.has(message.messageId));
        if (fresh.length === 0) break;
        for (const message of fresh) seen.set(message.messageId, message);
      }
    } finally {
      await this.#messages.changeVisibility(
        deadLetterQueueUrl,
        receiptHandles.map((receiptHandle) => ({ receiptHandle, seconds: 0 })),
      );
    }
    return [...seen.values()];
  }

  /**
   * Deletes the dead letters `chosen` picks, leaving the others in place: received in rounds
   * (hidden, deduplicated by SQS message id) until a round brings no new message, `done` says so
   * (checked after each round) or `deadline` (epoch ms) passes; those not chosen are made visible
   * again at once, so a peek right after sees them. With `moveTo`, each chosen one is first copied
   * to the SQS queue it names for the message's body (a redrive of the chosen: copy, THEN delete),
   * and only those copied are deleted. Returns the deleted ones.
   */
  async discard(
    deadLetterQueueUrl: string,
    chosen: (message: SqsDelivery) => boolean,
    until: { readonly deadline: number; readonly done?: () => boolean },
    moveTo?: (body: string) => string,
  ): Promise<SqsDelivery[]> {
    const seen = new Set<string>();
    const kept: string[] = [];
    const deleted: SqsDelivery[] = [];
    try {
      while (Date.now() < until.deadline && !until.done?.()) {
        const round = await this.#messages.receive(deadLetterQueueUrl, {
          maxMessages: SqsLimits.maxReceiveMessages,
          waitSeconds: DEAD_LETTER_WAIT_SECONDS,
          visibilityTimeoutSeconds: REDRIVE_HIDE_SECONDS,
        });
        const fresh = round.filter((message) => !seen.has(message.messageId));
        const picked = fresh.filter(chosen);
        const toDelete = moveTo ? await this.#copy(picked, moveTo) : picked;
        // Also the ones received again (a message seen before), and picked ones a copy failed for:
        // their new receipts hide them again.
        kept.push(...round.filter((message) => !toDelete.includes(message)).map((message) => message.receiptHandle));
        if (fresh.length === 0) break;
        for (const message of fresh) seen.add(message.messageId);
        const outcomes = await this.#messages.delete(deadLetterQueueUrl, toDelete.map((message) => message.receiptHandle));
        deleted.push(...toDelete.filter((_, index) => outcomes[index]?.ok));
      }
    } finally {
      await this.#messages.changeVisibility(deadLetterQueueUrl, kept.map((receiptHandle) => ({ receiptHandle, seconds: 0 })));
    }
    return deleted;
  }

  /**
   * Moves dead letters back to the queue, each to the SQS queue `queueUrlFor` its body (the
   * priority level it belongs to): copies each round's messages as they are (envelopes without
   * the death attributes), THEN deletes them from the dead-letter queue, so a failed delete leaves
   * a duplicate, never a loss. Stops at `max`, when the dead letters run dry, or at `deadline`
   * (epoch ms). Returns how many messages moved.
   */
  async redrive(deadLetterQueueUrl: string, queueUrlFor: (body: string) => string, max: number, deadline: number): Promise<number> {
    let moved = 0;
    while (moved < max && Date.now() < deadline) {
      const round = await this.#messages.receive(deadLetterQueueUrl, {
        maxMessages: Math.min(SqsLimits.maxReceiveMessages, max - moved),
        waitSeconds: DEAD_LETTER_WAIT_SECONDS,
        visibilityTimeoutSeconds: REDRIVE_HIDE_SECONDS,
      });
      if (round.length === 0) break;
      const copied = await this.#copy(round, queueUrlFor);
      await this.#messages.delete(deadLetterQueueUrl, copied.map((message) => message.receiptHandle));
      moved += copied.length;
    }
    return moved;
  }

  /** Sends each message as it is (its group kept) to the SQS queue `queueUrlFor` its body; returns those copied. */
  async #copy(messages: readonly SqsDelivery[], queueUrlFor: (body: string) => string): Promise<SqsDelivery[]> {
    await this.#payloads.renew(messages.map((message) => message.body));
    const byQueue = Map.groupBy(messages, (message) => queueUrlFor(message.body));
    const copied = await Promise.all(
      [...byQueue].map(async ([queueUrl, group]) => {
        const copies = await this.#messages.send(queueUrl, group.map((message) => ({ body: message.body, groupId: message.groupId })));
        return group.filter((_, index) => copies[index]?.ok);
      }),
    );
    return copied.flat();
  }
}
