import * as z from 'zod/mini';
import { count, headerValues, isoTime } from './response-fields.ts';

/* Bodies of the stream routes' 2xx responses (functions/api/operations/streams). */

export const streamViewSchema = z.object({ name: z.string(), partitions: count, retentionHours: count, createdAt: isoTime });

export const streamDescriptionSchema = z.object({
  ...streamViewSchema.shape,
  offsets: z.array(z.object({ partition: count, logStartOffset: count, highWatermark: count })),
});

export const streamListSchema = z.object({ streams: z.array(streamViewSchema) });

export const produceResultSchema = z.object({ results: z.array(z.object({ partition: count, offset: count, timestamp: isoTime })) });

const recordFields = { offset: count, key: z.nullable(z.string()), value: z.unknown(), headers: headerValues, timestamp: isoTime };

export const readResultSchema = z.object({ records: z.array(z.object(recordFields)), nextOffset: count, highWatermark: count });

export const groupState = {
  group: z.string(),
  /** Null while no partition has a committed offset. */
  lag: z.nullable(count),
  partitions: z.array(z.object({ partition: count, committedOffset: z.nullable(count), highWatermark: count, lag: z.nullable(count) })),
  generation: count,
  members: z.array(z.object({ memberId: z.string(), assignment: z.array(count), lastHeartbeatAt: isoTime })),
};

export const groupListSchema = z.object({ groups: z.array(z.object(groupState)) });

export const groupViewSchema = z.object({ stream: z.string(), ...groupState });

export const committedOffsetsSchema = z.object({ offsets: z.array(z.object({ partition: count, offset: count })) });

export const memberViewSchema = z.object({ memberId: z.string(), generation: count, assignment: z.array(count) });

export const polledRecordsSchema = z.object({ records: z.array(z.object({ partition: count, ...recordFields })), generation: count });
