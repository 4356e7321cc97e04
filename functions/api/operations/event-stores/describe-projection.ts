import { logStreamName, parseProjectionName, parseStoreName, projectionGroupName } from '../../../core/event-store/names.ts';
import type { OperationHandler } from '../../http.ts';
import { partitionsOf } from '../streams/stream-view.ts';

/**
 * `GET /v1/event-stores/{store}/projections/{name}`: the projection's position and lag per log
 * partition, from its consumer group's committed offsets (a Projection construct commits after each
 * delivery). A name no projection reads under shows position 0 everywhere: it has applied nothing.
 */
export const describeProjection: OperationHandler = async (request, { eventStores, streams }) => {
  const store = parseStoreName(request.pathParameters.store);
  const name = parseProjectionName(request.pathParameters.name);
  await eventStores.directory.find(store, { fresh: true });
  const group = projectionGroupName(name);
  return streams.directory.withStream(logStreamName(store), async (log) => {
    const [committed, ends] = await Promise.all([streams.groups.committed(log, group), streams.reader.highWatermarks(log, partitionsOf(log))]);
    const partitions = ends.map((highWatermark, partition) => {
      const position = committed.get(partition) ?? 0;
      return { partition, position, highWatermark, lag: Math.max(0, highWatermark - position) };
    });
    return { status: 200, body: { store, name, group, lag: partitions.reduce((sum, { lag }) => sum + lag, 0), partitions } };
  });
};
