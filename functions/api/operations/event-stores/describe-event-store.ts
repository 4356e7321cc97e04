import { parseStoreName } from '../../../core/event-store/names.ts';
import type { OperationHandler } from '../../http.ts';
import { eventStoreView } from './event-store-view.ts';

/** `GET /v1/event-stores/{store}`: the declaration and the stream carrying its log (read it, or consume it, as any stream). */
export const describeEventStore: OperationHandler = async (request, { eventStores }) => {
  const name = parseStoreName(request.pathParameters.store);
  return { status: 200, body: eventStoreView(await eventStores.directory.find(name, { fresh: true })) };
};
