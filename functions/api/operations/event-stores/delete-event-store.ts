import { logStreamName, parseStoreName } from '../../../core/event-store/names.ts';
import type { OperationHandler } from '../../http.ts';
import { removeStream } from '../streams/delete-stream.ts';

/**
 * `DELETE /v1/event-stores/{store}`: removes the declaration, then its log stream. The events are
 * not deleted one by one: their keys carry the store's incarnation, so they are unreachable at
 * once (a store declared again under the name starts empty); they stay in the table until removed
 * by other means, as a deleted store's event history is an audit record.
 */
export const deleteEventStore: OperationHandler = async (request, { eventStores, streams }) => {
  const name = parseStoreName(request.pathParameters.store);
  const store = await eventStores.directory.find(name, { fresh: true });
  await eventStores.registry.remove(store);
  eventStores.directory.forget(name);
  const log = await streams.registry.find(logStreamName(name), { consistent: true });
  if (log) await removeStream(streams, log);
  return { status: 204 };
};
