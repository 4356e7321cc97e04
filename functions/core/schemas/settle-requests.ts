import * as z from 'zod/mini';
import { SqsLimits } from '../sqs-limits.ts';
import { integerIn } from './numbers.ts';

export const MAX_RECEIPTS_PER_SETTLE = 100;

// Only the shape is checked here; each token is decoded on its own so that one bad receipt is
// reported in `failures` instead of failing the request.
const receiptsSchema = z
  .array(z.string({ error: 'receipts are the strings returned by receive' }))
  .check(
    z.minLength(1, { error: `send 1 to ${MAX_RECEIPTS_PER_SETTLE} receipts` }),
    z.maxLength(MAX_RECEIPTS_PER_SETTLE, { error: `send 1 to ${MAX_RECEIPTS_PER_SETTLE} receipts` }),
  );

/** Body of `POST /v1/queues/{name}/ack`. */
export const ackRequestSchema = z.strictObject({ receipts: receiptsSchema });

/** Body of `POST /v1/queues/{name}/nack`. */
export const nackRequestSchema = z
  .strictObject({
    receipts: receiptsSchema,
    requeue: z._default(z.boolean({ error: 'must be true or false' }), true),
    delaySeconds: z.optional(integerIn(0, SqsLimits.maxVisibilityTimeoutSeconds)),
  })
  .check(
    z.refine((nack) => nack.requeue || nack.delaySeconds === undefined, {
      error: 'delaySeconds applies only when requeue is true',
      path: ['delaySeconds'],
    }),
  );
