import * as z from 'zod/mini';
import { count, headerValues, isoTime, payloadFields } from './response-fields.ts';

/* Bodies of the queue routes' 2xx responses (functions/api/operations/queues). */

/** A declared queue: its name, settings and creation time (never SQS URLs). */
export const queueViewSchema = z.object({
  name: z.string(),
  maxDeliveries: count,
  visibilityTimeoutSeconds: count,
  retentionSeconds: count,
  delaySeconds: count,
  deadLetterExchange: z.optional(z.string()),
  deadLetterRoutingKey: z.optional(z.string()),
  messageTtlMs: z.optional(count),
  maxPriority: z.optional(count),
  fifo: z.optional(z.boolean()),
  createdAt: isoTime,
});

const messageCounts = { ready: count, inFlight: count, delayed: count };

/** A queue's message counts, all priority levels together, and its dead letters. */
export const queueCountsSchema = z.object({ ...messageCounts, deadLetters: count });

export const queueDescriptionSchema = z.object({
  ...queueViewSchema.shape,
  messages: queueCountsSchema,
});

export const queueListSchema = z.object({ queues: z.array(queueViewSchema) });

export const publishResultSchema = z.object({ messageIds: z.array(z.string()) });

/** What every shown message has: its id, content, headers and the properties it was published with. */
const messageViewFields = {
  messageId: z.string(),
  ...payloadFields,
  headers: headerValues,
  exchange: z.optional(z.string()),
  routingKey: z.optional(z.string()),
  correlationId: z.optional(z.string()),
  replyTo: z.optional(z.string()),
  priority: z.optional(count),
  expirationMs: z.optional(count),
  /** Null for a message sent to SQS without Postroom. */
  publishedAt: z.nullable(z.string()),
};

export const receivedMessagesSchema = z.object({
  messages: z.array(
    // Open: a dead-lettered message carries its death history too.
    z.looseObject({
      ...messageViewFields,
      /** Absent with `ack: "auto"`. */
      receipt: z.optional(z.string()),
      deliveryCount: count,
      groupId: z.optional(z.string()),
    }),
  ),
});

const settlementFailures = z.array(z.object({ receipt: z.string(), code: z.string(), detail: z.string() }));
export const ackResultSchema = z.object({ acked: count, failures: settlementFailures });
export const nackResultSchema = z.object({ nacked: count, failures: settlementFailures });

export const purgeResultSchema = z.object({ purged: z.object(messageCounts) });

/** Open: each dead letter carries the death record SQS or the dead-letter exchange left. */
export const deadLettersSchema = z.object({ messages: z.array(z.looseObject(messageViewFields)) });

export const deadLettersDeletedSchema = z.object({ deleted: z.array(z.string()), notFound: z.array(z.string()) });

export const redriveResultSchema = z.object({
  moved: count,
  /** With messageIds: those of the request not found among the dead letters. */
  notFound: z.optional(z.array(z.string())),
});
