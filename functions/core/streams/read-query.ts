import * as z from 'zod/mini';
import { queryIntegerIn } from '../schemas/numbers.ts';
import { DEFAULT_READ_BYTES, DEFAULT_READ_RECORDS, MAX_READ_BYTES, MAX_READ_RECORDS } from './limits.ts';
import { queryOffset, queryTimestamp } from './offsets.ts';

/** Where a read starts: an offset, the first record at or after a time, or the log start. */
export type ReadStart = { readonly offset: number } | { readonly timestamp: number } | { readonly earliest: true };

export interface ReadQuery {
  readonly start: ReadStart;
  readonly limit: number;
  readonly maxBytes: number;
}

/** Query of `GET /v1/streams/{name}/partitions/{partition}/records`. */
export const readQuerySchema = z.pipe(
  z.prefault(
    z
      .strictObject({
        offset: z.optional(queryOffset),
        timestamp: z.optional(queryTimestamp),
        limit: z._default(queryIntegerIn(1, MAX_READ_RECORDS), DEFAULT_READ_RECORDS),
        maxBytes: z._default(queryIntegerIn(1, MAX_READ_BYTES), DEFAULT_READ_BYTES),
      })
      .check(
        z.refine((query) => query.offset === undefined || query.timestamp === undefined, {
          error: 'give offset or timestamp, not both',
          path: ['timestamp'],
        }),
      ),
    {},
  ),
  z.transform(
    ({ offset, timestamp, limit, maxBytes }): ReadQuery => ({
      start: offset !== undefined ? { offset } : timestamp !== undefined ? { timestamp } : { earliest: true },
      limit,
      maxBytes,
    }),
  ),
);
