import * as z from 'zod/mini';
import { SqsLimits } from '../sqs-limits.ts';
import { integerIn } from './numbers.ts';

/** A message's content: any JSON value, or bytes given as base64. */
export type MessagePayload = { readonly body: unknown } | { readonly bodyBase64: string };

export type HeaderValue = string | number | boolean;
export type MessageHeaders = Readonly<Record<string, HeaderValue>>;

/** One message to publish, validated. */
export interface OutgoingMessage {
  readonly payload: MessagePayload;
  readonly headers: MessageHeaders;
  readonly messageId: string | undefined;
  readonly delaySeconds: number | undefined;
}

export const MAX_HEADERS = 64;
export const MAX_MESSAGES_PER_PUBLISH = 100;

const headerNameError = 'header names must be 1 to 128 characters';
// A "__proto__" member cannot survive a trip through a JavaScript object (zod's record drops it),
// so it is refused rather than silently lost.
const withoutProtoMember = z.custom<unknown>(
  (input) => typeof input !== 'object' || input === null || !Object.hasOwn(input, '__proto__'),
  { error: 'the header name __proto__ is reserved' },
);
const headersSchema = z.pipe(
  withoutProtoMember,
  z
    .record(
      z.string().check(z.minLength(1, { error: headerNameError }), z.maxLength(128, { error: headerNameError })),
      z.union([z.string(), z.number(), z.boolean()], { error: 'header values must be strings, numbers or booleans' }),
    )
    .check(z.refine((headers) => Object.keys(headers).length <= MAX_HEADERS, { error: `at most ${MAX_HEADERS} headers are allowed` })),
);

const messageSchema = z.pipe(
  z
    .strictObject({
      // Any JSON value, null, false and 0 included: presence is checked below, not truthiness.
      body: z.optional(z.unknown()),
      bodyBase64: z.optional(z.base64({ error: 'must be standard base64 (A-Z, a-z, 0-9, +, / with = padding)' })),
      headers: z.optional(headersSchema),
      messageId: z.optional(
        z.string().check(z.regex(/^[\x20-\x7E]{1,128}$/, { error: 'must be 1 to 128 printable ASCII characters' })),
      ),
      delaySeconds: z.optional(integerIn(0, SqsLimits.maxDelaySeconds)),
    })
    .check((ctx) => {
      const present = ['body', 'bodyBase64'].filter((key) => Object.hasOwn(ctx.value, key));
      if (present.length !== 1) {
        ctx.issues.push({ code: 'custom', input: ctx.value, message: 'give exactly one of body (any JSON value) or bodyBase64' });
      }
    }),
  z.transform(
    (message): OutgoingMessage => ({
      payload: message.bodyBase64 !== undefined ? { bodyBase64: message.bodyBase64 } : { body: message.body },
      headers: message.headers ?? {},
      messageId: message.messageId,
      delaySeconds: message.delaySeconds,
    }),
  ),
);

const singleMessageSchema = z.pipe(messageSchema, z.transform((message) => [message]));

const batchSchema = z.pipe(
  z.strictObject({
    messages: z
      .array(messageSchema)
      .check(
        z.minLength(1, { error: `send 1 to ${MAX_MESSAGES_PER_PUBLISH} messages` }),
        z.maxLength(MAX_MESSAGES_PER_PUBLISH, { error: `send 1 to ${MAX_MESSAGES_PER_PUBLISH} messages` }),
      ),
  }),
  z.transform((batch) => batch.messages),
);

/**
 * Schema for the body of `POST /v1/queues/{name}/messages`: an object with `messages` is a batch,
 * anything else one message. Both parse to the messages in request order.
 */
export function publishRequestSchema(body: unknown): z.ZodMiniType<OutgoingMessage[], unknown> {
  const isBatch = typeof body === 'object' && body !== null && Object.hasOwn(body, 'messages');
  return isBatch ? batchSchema : singleMessageSchema;
}

/** Body of `POST /v1/queues/{name}/receive`. */
export const receiveRequestSchema = z.prefault(
  z.strictObject({
    maxMessages: z._default(integerIn(1, SqsLimits.maxReceiveMessages), 1),
    waitSeconds: z._default(integerIn(0, SqsLimits.maxWaitSeconds), 0),
    visibilityTimeoutSeconds: z.optional(integerIn(0, SqsLimits.maxVisibilityTimeoutSeconds)),
  }),
  {},
);
