import { decodeOverviewCursor, encodeOverviewCursor } from '../../../core/metrics/overview-page.ts';
import { overviewQuerySchema } from '../../../core/schemas/overview-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { brokerOverview } from './broker-overview.ts';

/** `GET /v1/overview`: a page of every queue, exchange and stream with its live numbers (see brokerOverview). */
export const overview: OperationHandler = async (request, services) => {
  const { limit, cursor } = parseRequest(overviewQuerySchema, request.query, 'query string');
  const { next, ...page } = await brokerOverview(services, { limit, cursor: cursor === undefined ? undefined : decodeOverviewCursor(cursor) }, services.now().getTime());
  return { status: 200, body: { ...page, ...(next && { nextCursor: encodeOverviewCursor(next) }) } };
};
