import * as z from 'zod/mini';
import { decodeOverviewCursor, DEFAULT_OVERVIEW_PAGE, MAX_OVERVIEW_PAGE } from '../metrics/overview-page.ts';
import { queryIntegerIn } from './numbers.ts';

/** Query of `GET /v1/overview`. */
export const overviewQuerySchema = z.prefault(
  z.strictObject({
    limit: z._default(queryIntegerIn(1, MAX_OVERVIEW_PAGE), DEFAULT_OVERVIEW_PAGE),
    cursor: z.optional(
      z.string().check(z.refine((token) => decodeOverviewCursor(token) !== undefined, { error: 'must be the nextCursor of the previous page' })),
    ),
  }),
  {},
);
