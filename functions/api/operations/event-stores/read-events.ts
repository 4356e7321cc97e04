import { eventView } from '../../../core/event-store/event-codec.ts';
import { parseStoreName, parseStreamId } from '../../../core/event-store/names.ts';
import { eventReadQuerySchema } from '../../../core/event-store/read-query.ts';
import { StreamNotFoundError } from '../../../core/problems/index.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';

/**
 * `GET /v1/event-stores/{store}/streams/{streamId}/events`: up to `max` events forward from
 * `fromVersion` (0) or backward from it (the end); with `asOf`, the stream as it was then.
 */
export const readEvents: OperationHandler = async (request, { eventStores }) => {
  const name = parseStoreName(request.pathParameters.store);
  const streamId = parseStreamId(request.pathParameters.streamId);
  const { fromVersion, direction, max, asOf } = parseRequest(eventReadQuerySchema, request.query, 'query string');
  const store = await eventStores.directory.find(name);
  const { streams } = eventStores;

  const page = direction === 'forward' ? await streams.forward(store, streamId, fromVersion ?? 0, max, asOf) : await streams.backward(store, streamId, fromVersion, max, asOf);
  if (page.events.length === 0 && !(await streams.existed(store, streamId, asOf))) throw new StreamNotFoundError(streamId, name);
  const last = page.events.at(-1);
  const nextVersion = last === undefined || !page.more ? null : direction === 'forward' ? last.version + 1 : last.version - 1;
  return { status: 200, body: { events: page.events.map(eventView), nextVersion } };
};
