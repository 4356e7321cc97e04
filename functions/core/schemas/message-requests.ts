import * as z from 'zod/mini';
import { groupIdSchema } from '../fifo-requests.ts';
import { SqsLimits } from '../sqs-limits.ts';
import { uploadIdSchema, type UploadedPayload } from '../uploads.ts';
import { integerIn, positiveMilliseconds } from './numbers.ts';

/** A message's content: any JSON value, or bytes given as base64. */
export type MessagePayload = { readonly body: unknown } | { readonly bodyBase64: string };

/** A header's value; `null` is AMQP's void: the header is present without a value. */
export type HeaderValue = string | number | boolean | null;
export type MessageHeaders = Readonly<Record<string, HeaderValue>>;

/** One message to publish, validated. */
export interface OutgoingMessage {
  /** An upload only where the schema takes one (queue and exchange publishes). */
  readonly payload: MessagePayload | UploadedPayload;
  readonly headers: MessageHeaders;
  readonly messageId: string | undefined;
  readonly delaySeconds: number | undefined;
  /** Per-message TTL. */
  readonly expirationMs: number | undefined;
  /** The message group on FIFO queues (standard queues ignore it). */
  readonly groupId: string | undefined;
}

export const MAX_HEADERS = 64;
/** Highest message priority: an AMQP octet. A queue orders by it up to its own `maxPriority`. */
export const MAX_PRIORITY = 255;
export const prioritySchema = integerIn(0, MAX_PRIORITY);
export const MAX_MESSAGES_PER_PUBLISH = 100;

const headerNameError = 'header names must be 1 to 128 characters';
/** A header's value as the API and the envelope carry it. */
export const headerValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()], { error: 'header values must be strings, numbers, booleans or null' });
// A "__proto__" member cannot survive a trip through a JavaScript object (zod's record drops it),
// so it is refused rather than silently lost.
const withoutProtoMember = z.custom<unknown>(
  (input) => typeof input !== 'object' || input === null || !Object.hasOwn(input, '__proto__'),
  { error: 'the header name __proto__ is reserved' },
);
export const headersSchema = z.pipe(
  withoutProtoMember,
  z
    .record(
      z.string().check(z.minLength(1, { error: headerNameError }), z.maxLength(128, { error: headerNameError })),
      headerValueSchema,
    )
    .check(z.refine((headers) => Object.keys(headers).length <= MAX_HEADERS, { error: `at most ${MAX_HEADERS} headers are allowed` })),
);

/** A message id a publisher may give: what the API then shows as the message's `messageId`. */
export const messageIdSchema = z.string().check(z.regex(/^[\x20-\x7E]{1,128}$/, { error: 'must be 1 to 128 printable ASCII characters' }));

/** The members of a message to publish, shared by queue and exchange publishing. */
export const messageFields = {
  // Any JSON value, null, false and 0 included: presence is checked below, not truthiness.
  body: z.optional(z.unknown()),
  bodyBase64: z.optional(z.base64({ error: 'must be standard base64 (A-Z, a-z, 0-9, +, / with = padding)' })),
  headers: z.optional(headersSchema),
  messageId: z.optional(messageIdSchema),
  delaySeconds: z.optional(integerIn(0, SqsLimits.maxDelaySeconds)),
  expirationMs: z.optional(positiveMilliseconds),
  groupId: z.optional(groupIdSchema),
};

/** What a queue or exchange publish may give instead of `body`/`bodyBase64`: an upload's id (core/uploads.ts). */
export const uploadField = { upload: z.optional(uploadIdSchema) };

interface MessageMembers {
  readonly body?: unknown;
  readonly bodyBase64?: string | undefined;
  readonly upload?: string | undefined;
  readonly headers?: MessageHeaders | undefined;
  readonly messageId?: string | undefined;
  readonly delaySeconds?: number | undefined;
  readonly expirationMs?: number | undefined;
  readonly groupId?: string | undefined;
}

const exactlyOneOf = (keys: readonly (keyof MessageMembers)[], error: string) =>
  z.refine<MessageMembers>((message) => keys.filter((key) => Object.hasOwn(message, key)).length === 1, { error });

/** Exactly one of `body` and `bodyBase64`: the check every message schema carries. */
export const exactlyOnePayload = exactlyOneOf(['body', 'bodyBase64'], 'give exactly one of body (any JSON value) or bodyBase64');

/** The check of the message schemas with `uploadField`. */
export const exactlyOnePublishedPayload = exactlyOneOf(
  ['body', 'bodyBase64', 'upload'],
  'give exactly one of body (any JSON value), bodyBase64 or upload (an id from POST /v1/uploads)',
);

/** The validated message from its members. */
export const toOutgoingMessage = (message: MessageMembers): OutgoingMessage => ({
  payload:
    message.upload !== undefined ? { upload: message.upload }
    : message.bodyBase64 !== undefined ? { bodyBase64: message.bodyBase64 }
    : { body: message.body },
  headers: message.headers ?? {},
  messageId: message.messageId,
  delaySeconds: message.delaySeconds,
  expirationMs: message.expirationMs,
  groupId: message.groupId,
});

/** One message to publish to a queue, validated. */
export interface QueueMessage extends OutgoingMessage {
  readonly priority: number | undefined;
}

const messageSchema = z.pipe(
  z.strictObject({ ...messageFields, ...uploadField, priority: z.optional(prioritySchema) }).check(exactlyOnePublishedPayload),
  z.transform((message): QueueMessage => ({ ...toOutgoingMessage(message), priority: message.priority })),
);

/**
 * A publish body's schema: an object with `messages` is a batch of 1 to 100 messages, anything
 * else one message. Both parse to the messages in request order; `documented` is the union of the
 * two shapes, for the API document.
 */
export function singleOrBatch<T>(message: z.ZodMiniType<T, unknown>) {
  const single = z.pipe(message, z.transform((one: T) => [one]));
  const batch = z.pipe(
    z.strictObject({
      messages: z
        .array(message)
        .check(
          z.minLength(1, { error: `send 1 to ${MAX_MESSAGES_PER_PUBLISH} messages` }),
          z.maxLength(MAX_MESSAGES_PER_PUBLISH, { error: `send 1 to ${MAX_MESSAGES_PER_PUBLISH} messages` }),
        ),
    }),
    z.transform((request) => request.messages),
  );
  const forBody = (body: unknown): z.ZodMiniType<T[], unknown> => (isBatchBody(body) ? batch : single);
  // The request body as the API document describes it: either shape.
  return Object.assign(forBody, { documented: z.union([message, batch]) });
}

/** Whether a publish body is a batch (`{messages}`) rather than one message. */
export const isBatchBody = (body: unknown): boolean => typeof body === 'object' && body !== null && Object.hasOwn(body, 'messages');

/** The path of member `member` of the message at `index` of a publish body. */
export const messageMemberPath = (body: unknown, index: number, member: string): string =>
  isBatchBody(body) ? `messages.${index}.${member}` : member;

/** Schema for the body of `POST /v1/queues/{name}/messages`, chosen by the body's shape. */
export const publishRequestSchema = singleOrBatch(messageSchema);

/**
 * How a receive settles what it returns: `explicit` (at-least-once) leaves each message in flight
 * until the client acks it; `auto` (at-most-once) deletes the messages before answering.
 */
const ackModeSchema = z.enum(['auto', 'explicit'], { error: 'must be "auto" or "explicit"' });

/** Body of `POST /v1/queues/{name}/receive`. */
export const receiveRequestSchema = z.prefault(
  z.strictObject({
    maxMessages: z._default(integerIn(1, SqsLimits.maxReceiveMessages), 1),
    waitSeconds: z._default(integerIn(0, SqsLimits.maxWaitSeconds), 0),
    visibilityTimeoutSeconds: z.optional(integerIn(0, SqsLimits.maxVisibilityTimeoutSeconds)),
    ack: z._default(ackModeSchema, 'explicit'),
  }),
  {},
);
