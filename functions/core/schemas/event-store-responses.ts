import * as z from 'zod/mini';
import { count, isoTime } from './response-fields.ts';

/* Bodies of the event store routes' 2xx responses (functions/api/operations/event-stores). */

export const eventStoreViewSchema = z.object({
  name: z.string(),
  partitions: count,
  snapshotEvery: z.optional(count),
  /** The Postroom stream that carries the store's log. */
  log: z.string(),
  createdAt: isoTime,
});

export const appendResultSchema = z.object({ firstVersion: count, lastVersion: count });

export const recordedEventSchema = z.object({
  eventId: z.string(),
  type: z.string(),
  schemaVersion: count,
  data: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
  version: count,
  recordedAt: isoTime,
});

/** `nextVersion`: where to read on in the same direction; null at the stream's end (start, backward). */
export const eventPageSchema = z.object({ events: z.array(recordedEventSchema), nextVersion: z.nullable(count) });

export const snapshotViewSchema = z.object({ version: count, state: z.unknown(), recordedAt: isoTime });

export const aggregateStateSchema = z.object({
  snapshot: z.nullable(snapshotViewSchema),
  events: z.array(recordedEventSchema),
  /** The version the snapshot and events bring the aggregate to. */
  version: count,
  nextVersion: z.nullable(count),
  /** True when the store has a snapshot policy and this many events or more followed the snapshot. */
  snapshotDue: z.boolean(),
});

export const eventSchemaViewSchema = z.object({ type: z.string(), schemaVersion: count, schema: z.record(z.string(), z.unknown()) });

/**
 * A projection's latest rebuild: its generation (of the read model), whether it runs, and how many
 * event streams and events it has replayed so far.
 */
export const projectionRebuildSchema = z.object({
  generation: count,
  state: z.enum(['running', 'done']),
  requestedAt: isoTime,
  finishedAt: z.nullable(isoTime),
  streams: count,
  events: count,
});

/**
 * A projection's position in its store's log: per partition the next offset it will apply
 * (0 before it applied any) and how many records are beyond it; its latest rebuild (null: never).
 */
export const projectionViewSchema = z.object({
  store: z.string(),
  name: z.string(),
  /** The log's consumer group the projection commits its position in. */
  group: z.string(),
  lag: count,
  partitions: z.array(z.object({ partition: count, position: count, highWatermark: count, lag: count })),
  rebuild: z.nullable(projectionRebuildSchema),
});
