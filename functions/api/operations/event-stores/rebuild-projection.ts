import { logStreamName, parseProjectionName, parseStoreName, projectionGroupName } from '../../../core/event-store/names.ts';
import type { RebuildJob } from '../../../core/event-store/projection-rebuild.ts';
import { ProjectionNotFoundError, ProjectionRebuildRunningError } from '../../../core/problems/index.ts';
import type { OperationHandler } from '../../http.ts';
import { partitionsOf } from '../streams/stream-view.ts';
import { projectionView } from './projection-view.ts';

/**
 * `POST /v1/event-stores/{store}/projections/{name}/rebuild`: starts the projection's next
 * generation, which its dispatcher builds from every event of the store's event streams (the
 * event store table keeps them for ever, whatever the log still holds) and then follows the log
 * from the high watermarks read here. 202 with the projection's description; its `rebuild` shows
 * the progress.
 */
export const rebuildProjection: OperationHandler = async (request, services) => {
  const { eventStores, streams } = services;
  const store = parseStoreName(request.pathParameters.store);
  const name = parseProjectionName(request.pathParameters.name);
  const declaration = await eventStores.directory.find(store, { fresh: true });
  if (!(await eventStores.projections.exists(store, name))) throw new ProjectionNotFoundError(store, name);
  const group = projectionGroupName(name);
  return streams.directory.withStream(logStreamName(store), async (log) => {
    // Read before the replay begins: every event below these offsets is in the store when it scans.
    const [resumeAt, previous] = await Promise.all([streams.reader.highWatermarks(log, partitionsOf(log)), eventStores.rebuilds.find(log, group)]);
    const job: RebuildJob = {
      generation: (previous?.generation ?? 0) + 1,
      state: 'running',
      requestedAt: Date.now(),
      store: { name: declaration.name, incarnation: declaration.incarnation },
      resumeAt,
      streams: 0,
      events: 0,
    };
    if (previous?.state === 'running') throw new ProjectionRebuildRunningError(store, name, previous.generation);
    await eventStores.rebuilds.start(log, group, job, previous, eventStores.recordsTable, { store, projection: name });
    return {
      status: 202,
      headers: { location: `/v1/event-stores/${store}/projections/${name}` },
      body: await projectionView(services, store, name, log, job),
    };
  });
};
