import { logStreamName, parseProjectionName, parseStoreName } from '../../../core/event-store/names.ts';
import type { OperationHandler } from '../../http.ts';
import { projectionView } from './projection-view.ts';

/** `GET /v1/event-stores/{store}/projections/{name}`: the projection's position and lag per log partition, and its latest rebuild. */
export const describeProjection: OperationHandler = async (request, services) => {
  const store = parseStoreName(request.pathParameters.store);
  const name = parseProjectionName(request.pathParameters.name);
  await services.eventStores.directory.find(store, { fresh: true });
  return services.streams.directory.withStream(logStreamName(store), async (log) => ({ status: 200, body: await projectionView(services, store, name, log) }));
};
