import { eventView } from '../../../core/event-store/event-codec.ts';
import { MAX_READ_EVENTS } from '../../../core/event-store/limits.ts';
import { parseStoreName, parseStreamId } from '../../../core/event-store/names.ts';
import { StreamNotFoundError } from '../../../core/problems/index.ts';
import { isoTime } from '../../../core/streams/record-view.ts';
import type { OperationHandler } from '../../http.ts';

/**
 * `GET /v1/event-stores/{store}/streams/{streamId}/state`: the latest snapshot and the events
 * after it (up to 1,000; `nextVersion` says where to read on), so that a command handler loads an
 * aggregate in one request: two Queries, whatever the stream's length.
 */
export const loadState: OperationHandler = async (request, { eventStores }) => {
  const name = parseStoreName(request.pathParameters.store);
  const streamId = parseStreamId(request.pathParameters.streamId);
  const store = await eventStores.directory.find(name);
  const { streams } = eventStores;

  const snapshot = await streams.latestSnapshot(store, streamId);
  const page = await streams.forward(store, streamId, snapshot ? snapshot.version + 1 : 0, MAX_READ_EVENTS);
  const last = page.events.at(-1);
  if (snapshot === undefined && last === undefined) throw new StreamNotFoundError(streamId, name);
  const { snapshotEvery } = store.settings;
  return {
    status: 200,
    body: {
      snapshot: snapshot ? { version: snapshot.version, state: snapshot.state, recordedAt: isoTime(snapshot.recordedAt) } : null,
      events: page.events.map(eventView),
      version: last?.version ?? snapshot!.version,
      nextVersion: page.more ? last!.version + 1 : null,
      snapshotDue: snapshotEvery !== undefined && page.events.length >= snapshotEvery,
    },
  };
};
