import { deflateRawSync, inflateRawSync } from 'node:zlib';
import * as z from 'zod/mini';
import { MAX_QUEUE_PRIORITY } from './priority-levels.ts';

/**
 * What a receipt token stands for. SQS cannot fetch a message by receipt handle, yet a reject
 * (nack without requeue) must copy the message to the dead-letter queue at once; so the token
 * carries the message itself and the API stays stateless.
 */
export interface Receipt {
  /** The Postroom queue the message was received from. */
  readonly queue: string;
  /** The priority level whose SQS queue holds the message (0, the queue itself, when absent). */
  readonly level?: number;
  readonly receiptHandle: string;
  readonly deliveryCount: number;
  /** The SQS MessageBody exactly as received (an envelope, or a foreign message's text). */
  readonly messageBody: string;
  /** The message group, on a FIFO queue: a dead-lettered copy keeps it, so a redrive restores the order. */
  readonly groupId?: string;
  /** When receive delivered the message (epoch ms), so that ack can measure processing time without a call. Absent in older tokens. */
  readonly deliveredAt?: number;
}

export type ReceiptReading =
  | { readonly ok: true; readonly receipt: Receipt }
  | { readonly ok: false; readonly code: 'invalid_receipt' | 'foreign_receipt'; readonly detail: string };

// Token format, version 1: base64url(deflateRaw(JSON {"v":1,"q":queue,"h":handle,"n":count,"b":body})),
// with "l":level after "q" for a message of a priority level above 0, "g":group for a FIFO queue's, and
// "t":delivery time (epoch ms) last.
// Tokens are not signed: forging one only lets a client settle or dead-letter messages of a queue
// it can already publish to.
const tokenSchema = z.strictObject({
  v: z.literal(1),
  q: z.string().check(z.minLength(1)),
  l: z.optional(z.int().check(z.gte(1), z.lte(MAX_QUEUE_PRIORITY))),
  h: z.string().check(z.minLength(1)),
  n: z.int().check(z.gte(1)),
  b: z.string(),
  g: z.optional(z.string().check(z.minLength(1))),
  t: z.optional(z.int().check(z.gte(0))),
});

const base64url = /^[A-Za-z0-9_-]+$/;
/** Bound on the inflated token (a 1 MiB body, escaped again in JSON), so no token can be a deflate bomb. */
const MAX_INFLATED_BYTES = 8 * 1024 * 1024;

export function encodeReceipt(receipt: Receipt): string {
  const { queue, level = 0, receiptHandle, deliveryCount, messageBody, groupId, deliveredAt } = receipt;
  const json = JSON.stringify({ v: 1, q: queue, ...(level > 0 && { l: level }), h: receiptHandle, n: deliveryCount, b: messageBody, g: groupId, t: deliveredAt });
  return deflateRawSync(json).toString('base64url');
}

const invalid = {
  ok: false,
  code: 'invalid_receipt',
  detail: 'This is not a receipt issued by receive; pass receipts back unchanged.',
} as const;

/** Decodes a token strictly, and checks it was issued for `queue`. Never throws. */
export function readReceipt(token: string, queue: string): ReceiptReading {
  if (!base64url.test(token)) return invalid;
  let json: unknown;
  try {
    const inflated = inflateRawSync(Buffer.from(token, 'base64url'), { maxOutputLength: MAX_INFLATED_BYTES });
    json = JSON.parse(inflated.toString('utf8'));
  } catch {
    return invalid;
  }
  const parsed = tokenSchema.safeParse(json);
  if (!parsed.success) return invalid;
  const { q, l, h, n, b, g, t } = parsed.data;
  if (q !== queue) {
    return {
      ok: false,
      code: 'foreign_receipt',
      detail: `This receipt was issued for queue ${JSON.stringify(q)}; settle it on that queue.`,
    };
  }
  return {
    ok: true,
    receipt: {
      queue: q,
      ...(l !== undefined && { level: l }),
      receiptHandle: h,
      deliveryCount: n,
      messageBody: b,
      ...(g !== undefined && { groupId: g }),
      ...(t !== undefined && { deliveredAt: t }),
    },
  };
}

/** The priority level a receipt's message was received from (0 without priorities). */
export const levelOfReceipt = (receipt: Receipt): number => receipt.level ?? 0;
