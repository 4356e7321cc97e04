import { z } from 'zod';
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
const headersSchema = withoutProtoMember.pipe(
  z
    .record(
      z.string().min(1, { error: headerNameError }).max(128, { error: headerNameError }),
      z.union([z.string(), z.number(), z.boolean()], { error: 'header values must be strings, numbers or booleans' }),
    )
    .refine((headers) => Object.keys(headers).length <= MAX_HEADERS, { error: `at most ${MAX_HEADERS} headers are allowed` }),
);

const messageSchema = z
  .strictObject({
    // Any JSON value, null, false and 0 included: presence is checked below, not truthiness.
    body: z.unknown().optional(),
    bodyBase64: z.base64({ error: 'must be standard base64 (A-Z, a-z, 0-9, +, / with = padding)' }).optional(),
    headers: headersSchema.optional(),
    messageId: z
      .string()
      .regex(/^[\x20-\x7E]{1,128}$/, { error: 'must be 1 to 128 printable ASCII characters' })
      .optional(),
    delaySeconds: integerIn(0, SqsLimits.maxDelaySeconds).optional(),
  })
  .check((ctx) => {
    const present = ['body', 'bodyBase64'].filter((key) => Object.hasOwn(ctx.value, key));
    if (present.length !== 1) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: 'give exactly one of body (any JSON value) or bodyBase64' });
    }
  })
  .transform(
    (message): OutgoingMessage => ({
      payload: message.bodyBase64 !== undefined ? { bodyBase64: message.bodyBase64 } : { body: message.body },
      headers: message.headers ?? {},
      messageId: message.messageId,
      delaySeconds: message.delaySeconds,
    }),
  );

const singleMessageSchema = messageSchema.transform((message) => [message]);

const batchSchema = z
  .strictObject({
    messages: z
      .array(messageSchema)
      .min(1, { error: `send 1 to ${MAX_MESSAGES_PER_PUBLISH} messages` })
      .max(MAX_MESSAGES_PER_PUBLISH, { error: `send 1 to ${MAX_MESSAGES_PER_PUBLISH} messages` }),
  })
  .transform((batch) => batch.messages);

/**
 * Schema for the body of `POST /v1/queues/{name}/messages`: an object with `messages` is a batch,
 * anything else one message. Both parse to the messages in request order.
 */
export function publishRequestSchema(body: unknown): z.ZodType<OutgoingMessage[], unknown> {
  const isBatch = typeof body === 'object' && body !== null && Object.hasOwn(body, 'messages');
  return isBatch ? batchSchema : singleMessageSchema;
}

/** Body of `POST /v1/queues/{name}/receive`. */
export const receiveRequestSchema = z
  .strictObject({
    maxMessages: integerIn(1, SqsLimits.maxReceiveMessages).default(1),
    waitSeconds: integerIn(0, SqsLimits.maxWaitSeconds).default(0),
    visibilityTimeoutSeconds: integerIn(0, SqsLimits.maxVisibilityTimeoutSeconds).optional(),
  })
  .prefault({});
