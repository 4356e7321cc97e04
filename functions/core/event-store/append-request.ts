import * as z from 'zod/mini';
import { integerIn } from '../schemas/numbers.ts';
import { MAX_EVENTS_PER_APPEND } from './limits.ts';
import type { ExpectedVersion } from './expected-version.ts';
import { eventTypePattern } from './names.ts';

/** An event to append. `eventId` is the client's when `idGiven` (and then checked for a repeat), else a fresh UUID. */
export interface ProposedEvent {
  readonly eventId: string;
  readonly idGiven: boolean;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface AppendRequest {
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly ProposedEvent[];
}

const MAX_VERSION = Number.MAX_SAFE_INTEGER;

export const schemaVersionNumber = integerIn(1, 1_000_000);

const eventSchema = z
  .strictObject({
    eventId: z.optional(z.string().check(z.regex(/^[\x21-\x7E]{1,128}$/, { error: 'must be 1 to 128 printable ASCII characters without spaces' }))),
    type: z.string().check(z.regex(eventTypePattern, { error: "must be 1 to 200 letters, digits, '.', '_', ':' or '-'" })),
    // Any JSON value, null included: presence is checked below.
    data: z.unknown(),
    metadata: z.optional(z.record(z.string(), z.unknown())),
    schemaVersion: z.optional(schemaVersionNumber),
  })
  .check(z.refine((event) => Object.hasOwn(event, 'data'), { error: 'every event needs data (any JSON value, null included)', path: ['data'] }));

const eventCountError = `send 1 to ${MAX_EVENTS_PER_APPEND} events`;

/** Body of `POST /v1/event-stores/{store}/streams/{streamId}/events`; ids are given to events without one. */
export const appendRequestSchema = (newId: () => string) =>
  z.pipe(
    z.strictObject({
      expectedVersion: z._default(z.union([z.enum(['any', 'no_stream', 'exists']), integerIn(0, MAX_VERSION)], { error: 'must be "any", "no_stream", "exists" or a version (an integer from 0)' }), 'any'),
      events: z.array(eventSchema).check(
        z.minLength(1, { error: eventCountError }),
        z.maxLength(MAX_EVENTS_PER_APPEND, { error: eventCountError }),
        z.refine((events) => new Set(events.flatMap((event) => (event.eventId === undefined ? [] : [event.eventId]))).size === events.filter((event) => event.eventId !== undefined).length, {
          error: 'each eventId may appear once in an append',
        }),
      ),
    }),
    z.transform(
      ({ expectedVersion, events }): AppendRequest => ({
        expectedVersion,
        events: events.map((event) => ({
          eventId: event.eventId ?? newId(),
          idGiven: event.eventId !== undefined,
          type: event.type,
          schemaVersion: event.schemaVersion ?? 1,
          data: event.data,
          metadata: event.metadata ?? {},
        })),
      }),
    ),
  );

/** The request schema as the API document shows it (ids are generated per parse, which is no concern of the document). */
export const documentedAppendRequestSchema = appendRequestSchema(() => '');
