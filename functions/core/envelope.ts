import * as z from 'zod/mini';
import { payloadReferenceSchema, type EnvelopePayload } from './claim-check.ts';
import { SqsLimits } from './sqs-limits.ts';
import { DEATH_RECORD_ALLOWANCE_BYTES } from './dead-letter-record.ts';
import { deathEntrySchema, type DeathEntry } from './death-history.ts';
import { headerValueSchema, type MessageHeaders } from './schemas/message-requests.ts';

/**
 * Postroom's message envelope: the SQS MessageBody of every message Postroom publishes. Users'
 * own consumers (e.g. a Lambda function reading the SQS queue) parse it, so it is a public format:
 *
 *   {"v":1,"id":"<messageId>","publishedAt":"<ISO 8601, UTC>","headers":{"<name>":<string|number|boolean|null>},"body":<any JSON value>}
 *
 * Binary payloads carry "bodyBase64":"<standard base64>" instead of "body", and a payload too large
 * for SNS or SQS carries "bodyRef" (see claim-check.ts); exactly one of the three is present, and
 * `"body":null` is a real null payload. `headers` is always present (maybe {}).
 * A message published through an exchange also carries the MessageProperties that were set.
 * Readers should ignore members they do not know; `v` changes only with an incompatible change.
 */
export interface Envelope {
  readonly id: string;
  readonly publishedAt: string;
  readonly headers: MessageHeaders;
  readonly payload: EnvelopePayload;
  readonly properties?: MessageProperties;
}

/** AMQP-style properties of a message (most only through an exchange); each only when set. */
export interface MessageProperties {
  /** The exchange it was published to, as the API names it (`amq.default` for the default one). */
  readonly exchange?: string;
  readonly routingKey?: string;
  readonly correlationId?: string;
  readonly replyTo?: string;
  readonly priority?: number;
  /** Per-message TTL, and the time it ends (publishedAt + expirationMs) for consumers reading SQS directly. */
  readonly expirationMs?: number;
  readonly expiresAt?: string;
  /** RabbitMQ's `x-death`: how the message died before, newest first (see death-history.ts). */
  readonly deaths?: readonly DeathEntry[];
}

export const ENVELOPE_VERSION = 1;

/** Largest envelope Postroom publishes: SQS's limit, less room for a later death record. */
export const MAX_ENVELOPE_BYTES = SqsLimits.maxMessageBytes - DEATH_RECORD_ALLOWANCE_BYTES;

// SQS rejects U+FFFE and U+FFFF, which JSON.stringify leaves as they are; as JSON escapes they
// survive the trip (JSON.stringify already escapes control characters and lone surrogates).
const sqsForbidden = /[\uFFFE\uFFFF]/g;
const escapeForSqs = (json: string): string =>
  json.replace(sqsForbidden, (char) => `\\u${char.charCodeAt(0).toString(16)}`);

/** The SQS MessageBody for an envelope. */
export function encodeEnvelope(envelope: Envelope): string {
  return escapeForSqs(
    JSON.stringify({
      v: ENVELOPE_VERSION,
      id: envelope.id,
      publishedAt: envelope.publishedAt,
      headers: envelope.headers,
      ...envelope.properties,
      ...envelope.payload,
    }),
  );
}

const envelopeSchema = z.object({
  v: z.literal(ENVELOPE_VERSION),
  id: z.string(),
  publishedAt: z.string(),
  headers: z.record(z.string(), headerValueSchema),
  body: z.optional(z.unknown()),
  bodyBase64: z.optional(z.string()),
  bodyRef: z.optional(payloadReferenceSchema),
  exchange: z.optional(z.string()),
  routingKey: z.optional(z.string()),
  correlationId: z.optional(z.string()),
  replyTo: z.optional(z.string()),
  priority: z.optional(z.number()),
  expirationMs: z.optional(z.number()),
  expiresAt: z.optional(z.string()),
  deaths: z.optional(z.array(deathEntrySchema)),
});

/** The properties present in `members`, or undefined when there are none (a direct queue publish). */
function propertiesOf(members: MessageProperties): MessageProperties | undefined {
  const present = Object.entries(members).filter(([, value]) => value !== undefined);
  return present.length === 0 ? undefined : Object.fromEntries(present);
}

/** The envelope in an SQS MessageBody, or undefined when the body is not one (e.g. sent to SQS directly). */
export function decodeEnvelope(messageBody: string): Envelope | undefined {
  let json: unknown;
  try {
    json = JSON.parse(messageBody);
  } catch {
    return undefined;
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { v: _version, id, publishedAt, headers, body, bodyBase64, bodyRef, ...properties } = parsed.data;
  const hasBody = Object.hasOwn(parsed.data, 'body');
  if ([hasBody, bodyBase64 !== undefined, bodyRef !== undefined].filter(Boolean).length !== 1) return undefined;
  const payload = hasBody ? { body } : bodyRef ? { bodyRef } : { bodyBase64: bodyBase64 as string };
  const present = propertiesOf(properties);
  return { id, publishedAt, headers, payload, ...(present && { properties: present }) };
}

export interface OpenedMessage {
  readonly messageId: string;
  readonly publishedAt: string | null;
  readonly headers: MessageHeaders;
  /** A claimed payload's reference until the payload store restores it. */
  readonly payload: EnvelopePayload;
  /** Empty unless the message was published through an exchange. */
  readonly properties: MessageProperties;
}

/**
 * What a consumer sees of an SQS message: its envelope, or for a message that is not one, its raw
 * text as a string body under the identity SQS gave it.
 */
export function openMessage(
  messageBody: string,
  sqsIdentity: { readonly messageId: string; readonly publishedAt: string | null },
): OpenedMessage {
  const envelope = decodeEnvelope(messageBody);
  if (envelope === undefined) return { ...sqsIdentity, headers: {}, payload: { body: messageBody }, properties: {} };
  const { id, publishedAt, headers, payload, properties = {} } = envelope;
  return { messageId: id, publishedAt, headers, payload, properties };
}
