import * as z from 'zod/mini';
import type { MessageProperties } from '../envelope.ts';
import { routingKeySchema } from '../routing/schemas.ts';
import { exactlyOnePublishedPayload, messageFields, uploadField, prioritySchema, singleOrBatch, toOutgoingMessage, type OutgoingMessage } from './message-requests.ts';

/** One message to publish through an exchange, validated. */
export interface ExchangeMessage extends OutgoingMessage {
  readonly routingKey: string;
  /** Recorded in the envelope; `priority` also picks the level in each priority queue it reaches. */
  readonly properties: Pick<MessageProperties, 'correlationId' | 'replyTo' | 'priority'>;
  /** Refuse the whole request when this message would reach no queue. */
  readonly mandatory: boolean;
}

/** Longest correlation id or reply address: an AMQP short string. */
export const MAX_PROPERTY_BYTES = 255;

const utf8 = new TextEncoder();
const propertyString = z.string().check(
  z.refine((value) => value.length > 0 && utf8.encode(value).length <= MAX_PROPERTY_BYTES, {
    error: `must be 1 to ${MAX_PROPERTY_BYTES} bytes of UTF-8`,
  }),
);

const exchangeMessageSchema = z.pipe(
  z
    .strictObject({
      ...messageFields,
      ...uploadField,
      routingKey: z._default(routingKeySchema, ''),
      correlationId: z.optional(propertyString),
      replyTo: z.optional(propertyString),
      priority: z.optional(prioritySchema),
      mandatory: z._default(z.boolean({ error: 'must be true or false' }), false),
    })
    .check(exactlyOnePublishedPayload),
  z.transform(
    (message): ExchangeMessage => ({
      ...toOutgoingMessage(message),
      routingKey: message.routingKey,
      properties: {
        correlationId: message.correlationId,
        replyTo: message.replyTo,
        priority: message.priority,
      },
      mandatory: message.mandatory,
    }),
  ),
);

/** Schema for the body of `POST /v1/exchanges/{name}/messages`: one message, or `{messages: [...]}`. */
export const exchangePublishRequestSchema = singleOrBatch(exchangeMessageSchema);
