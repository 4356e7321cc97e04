import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { parseIdempotencyKey, scopedIdempotencyKey } from '../core/idempotency-key.ts';
import type { IdempotentDispatch } from './idempotent-dispatch.ts';
import type { IdempotencyStore } from './idempotency-store.ts';
import type { JsonApiEvent } from './middleware/json-body.ts';

export type Dispatch = (event: JsonApiEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Makes the routes in `routeKeys` honour an Idempotency-Key header (idempotent-dispatch.ts). The
 * store and Powertools idempotency are imported on the first keyed request: a cold start, and
 * every request without a key, never evaluate them.
 */
export function withIdempotencyKeys(dispatch: Dispatch, routeKeys: ReadonlySet<string>, getStore: () => IdempotencyStore | Promise<IdempotencyStore>): Dispatch {
  let idempotent: IdempotentDispatch | undefined;
  return async (event, context) => {
    if (!routeKeys.has(event.routeKey)) return dispatch(event, context);
    const key = parseIdempotencyKey(event.headers['idempotency-key']);
    if (key === undefined) return dispatch(event, context);
    idempotent ??= (await import('./idempotent-dispatch.ts')).idempotentDispatch(dispatch, await getStore());
    return idempotent(event, context, scopedIdempotencyKey(event.routeKey, event.pathParameters ?? {}, key));
  };
}
