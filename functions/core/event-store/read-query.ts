import * as z from 'zod/mini';
import { queryIntegerIn } from '../schemas/numbers.ts';
import { queryOffset, queryTimestamp } from '../streams/offsets.ts';
import { DEFAULT_READ_EVENTS, MAX_READ_EVENTS } from './limits.ts';

export interface EventReadQuery {
  /** Forward: the first version to read (0 when unset); backward: the last one (the stream's end when unset). */
  readonly fromVersion?: number | undefined;
  readonly direction: 'forward' | 'backward';
  readonly max: number;
  /** Epoch ms: read the stream as it was then (events recorded at or before it). */
  readonly asOf?: number | undefined;
}

/** Query of `GET /v1/event-stores/{store}/streams/{streamId}/events`. */
export const eventReadQuerySchema = z.prefault(
  z.strictObject({
    // Versions are offsets of a stream: the same digits-only rule.
    fromVersion: z.optional(queryOffset),
    direction: z._default(z.enum(['forward', 'backward'], { error: 'must be forward or backward' }), 'forward'),
    max: z._default(queryIntegerIn(1, MAX_READ_EVENTS), DEFAULT_READ_EVENTS),
    asOf: z.optional(queryTimestamp),
  }),
  {},
) satisfies z.ZodMiniType<EventReadQuery, unknown>;
