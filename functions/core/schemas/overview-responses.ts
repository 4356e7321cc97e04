import * as z from 'zod/mini';
import { exchangeViewSchema } from './exchange-responses.ts';
import { queueCountsSchema } from './queue-responses.ts';
import { count } from './response-fields.ts';
import { groupState } from './stream-responses.ts';

/* Bodies of `GET /v1/overview` and `GET /v1/metrics`. */

export const overviewSchema = z.object({
  queues: z.array(
    z.object({
      name: z.string(),
      messages: queueCountsSchema,
      /**
       * Seconds since the oldest message not yet deleted (of any priority level) was sent, as SQS
       * last reported it to CloudWatch (ApproximateAgeOfOldestMessage); null when SQS reports none: an
       * empty queue, or one not reported yet.
       */
      oldestMessageAgeSeconds: z.nullable(count),
      /**
       * Seconds since the oldest dead letter was moved to the queue's dead-letter queue, as SQS last
       * reported it to CloudWatch; null when SQS reports none (no dead letters, or none reported yet).
       */
      oldestDeadLetterAgeSeconds: z.nullable(count),
    }),
  ),
  exchanges: z.array(z.object({ name: z.string(), type: exchangeViewSchema.shape.type, bindings: count })),
  streams: z.array(
    z.object({
      name: z.string(),
      partitions: z.array(z.object({ partition: count, highWatermark: count })),
      groups: z.array(z.object(groupState)),
    }),
  ),
  /** Present when more resources follow: pass it as `cursor` for the next page. */
  nextCursor: z.optional(z.string()),
});

/** The Prometheus text exposition format (version 0.0.4). */
export const prometheusTextSchema = z.string();
